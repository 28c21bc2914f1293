import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// The bundled CLI starts its own check worker (packages/cli/bin/check-worker.js: the worker's one-file
// bundle with its code cache). Driven here as start-check-worker.ts drives it, in a plain Node process
// with the CLI's V8 flags: it must compile what it is given and report what fails, then raise its signal.
const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "packages/cli/bin");

test("the bundled CLI's check worker compiles templates and reports the ones that fail", () => {
  const meta = JSON.parse(fs.readFileSync(path.join(ROOT, "packages/cli/bundle/meta.json"), "utf8")) as { checkWorker?: string };
  expect(fs.existsSync(path.join(ROOT, `packages/cli/bundle/check-worker.js.${meta.checkWorker}.v8cache`))).toBe(true);
  const script = `
    require(${JSON.stringify(path.join(BIN, "entry.js"))}).tuneJit();
    const { Worker, MessageChannel, receiveMessageOnPort } = require("node:worker_threads");
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(${JSON.stringify(path.join(BIN, "check-worker.js"))}, { workerData: { port: port2, signal }, transferList: [port2] });
    const toCheck = ["{% macro greet(n) %}hi {{ n | upper }}{% endmacro %}", "{% macro broken() %}{{ 1 + }}{% endmacro %}"];
    port1.postMessage({ kind: "check", filters: ["upper"], tests: [], toCheck, toRender: ["select {{ greet('x') }}"], callable: [], claimed: new SharedArrayBuffer(12) });
    while (Atomics.load(signal, 0) === 0) Atomics.wait(signal, 0, 0, 50);
    const results = [];
    for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) results.push([m.message.index, typeof m.message.code, /calls/.test(m.message.code ?? "")]);
    process.stdout.write(JSON.stringify(results.sort((a, b) => a[0] - b[0])));
    worker.terminate();`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as unknown;
  // the template to render first, then the macros; the broken one has no code (the caller reports its error)
  expect(out).toEqual([[0, "string", true], [1, "undefined", false], [2, "string", true]]);
});

test("the bundled check worker reads properties YAML with its own copy of the job, loading no file of js-yaml", () => {
  const job = path.join(ROOT, "packages/core/dist/yaml/yaml-worker-job.js");
  const script = `
    require(${JSON.stringify(path.join(BIN, "entry.js"))}).tuneJit();
    const { Worker, MessageChannel, receiveMessageOnPort } = require("node:worker_threads");
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(${JSON.stringify(path.join(BIN, "check-worker.js"))}, { workerData: { port: port2, signal }, transferList: [port2] });
    const jobs = new MessageChannel();
    const claimed = new Int32Array(new SharedArrayBuffer(8));
    const inputs = ["version: 2\\nmodels:\\n  - name: a\\n    description: 1.0\\n", "a: [1\\n"];
    port1.postMessage({ kind: "jobs", modulePath: ${JSON.stringify(job)}, exportName: "loadPropertiesYaml", inputs, claimed: claimed.buffer, port: jobs.port2 }, [jobs.port2]);
    for (const i of [0, 1]) while (Atomics.load(claimed, i) !== 3) Atomics.wait(claimed, i, Atomics.load(claimed, i), 50);
    const results = [];
    for (let m = receiveMessageOnPort(jobs.port1); m; m = receiveMessageOnPort(jobs.port1)) results.push(m.message);
    process.stdout.write(JSON.stringify(results.sort((a, b) => a.index - b.index)));
    // the worker's stderr (its module log) reaches this thread through its event loop
    setTimeout(() => worker.terminate(), 300);`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, NODE_DEBUG: "module" } });
  // as PyYAML reads it (a float stays a float), and a syntax error left to the main thread
  expect(JSON.parse(run.stdout)).toEqual([{ index: 0, value: { version: 2, models: [{ name: "a", description: 1 }] } }, { index: 1, failed: true }]);
  expect(run.stderr).toContain("yaml-worker-job.js");
  expect(run.stderr).not.toMatch(/js-yaml[\\/]/);
});
