import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestJson } from "../manifest/write-manifest";
import type { DiagnosticError } from "../diagnostics/diagnostic";

// A full parse of a project with packages reads its properties files' YAML on the check worker too
// (properties-on-worker.ts): what it finds must be what a parse on this thread alone finds (fullRender
// prestarts no worker). Each parse loads the modules afresh: a process prestarts one worker.
// On a small project the worker is rarely up before this thread has read every file, so the parse with
// the worker waits, before it reads the first one, until the worker has read WORKER_FIRST of them
// (the worker counts them in a file): those come from the worker, whatever the machine's speed.
const WORKER_FIRST = 20;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-yaml-worker-job-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Parses in a fresh module registry; with the worker, returns how many files the worker read too. */
async function parseFresh(options: { projectDir: string; fullRender: boolean }) {
  let parse: typeof import("./parse-project").parseProject | undefined;
  let fromWorker = 0;
  jest.isolateModules(() => {
    const workerJobs = require("../../../jinja/src/check-worker/worker-jobs") as typeof import("../../../jinja/src/check-worker/worker-jobs");
    const run = workerJobs.runOnPrestartedWorker;
    jest.spyOn(workerJobs, "runOnPrestartedWorker").mockImplementation((modulePath, exportName, inputs) => {
      // the job, counting what it reads
      const counted = path.join(scratch, `counted-${path.basename(options.projectDir)}.js`);
      const count = path.join(scratch, `count-${path.basename(options.projectDir)}`);
      fs.writeFileSync(counted, `const job = require(${JSON.stringify(modulePath)})[${JSON.stringify(exportName)}];\nexports.job = (text) => { const value = job(text); require("node:fs").appendFileSync(${JSON.stringify(count)}, "x"); return value; };\n`);
      const jobs = run(counted, "job", inputs);
      if (!jobs) return undefined;
      let first = true;
      return {
        claim: (index) => jobs.claim(index),
        take(index, meanwhile) {
          const since = Date.now();
          while (first && (fs.existsSync(count) ? fs.statSync(count).size : 0) < Math.min(WORKER_FIRST, inputs.length) && Date.now() - since < 20_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
          first = false;
          const result = jobs.take(index, meanwhile);
          if (result) fromWorker++;
          return result;
        },
      };
    });
    parse = (require("./parse-project") as typeof import("./parse-project")).parseProject;
  });
  const parsed = await parse!({ ...options, profilesDir: options.projectDir, env: {} });
  return Object.assign(parsed, { fromWorker });
}

function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-yaml-worker-"));
  const all: Record<string, string> = {
    "dbt_project.yml": "name: shop\nprofile: shop\n",
    "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: analytics\n",
    "packages.yml": "packages:\n  - local: dbt_packages/helpers\n",
    "dbt_packages/helpers/dbt_project.yml": "name: helpers\n",
    "dbt_packages/helpers/macros/m.sql": "{% macro helper() %}1{% endmacro %}\n",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** 60 models, each described in its own properties file, with columns and data tests. */
const described = (): Record<string, string> => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    files[`models/m${i}.sql`] = `select ${i} as id, 'x' as name`;
    files[`models/m${i}.yml`] = [
      "version: 2",
      "models:",
      `  - name: m${i}`,
      `    description: "Model ${i}: {{ 'rendered' }}"`,
      "    config: {tags: [a, b], meta: {n: 1.50, flag: yes, when: 2024-01-01}}",
      "    columns:",
      "      - name: id",
      "        data_tests: [unique, not_null]",
      "      - name: name",
      "        data_tests:",
      "          - accepted_values: {values: ['x', 'y']}",
      "",
    ].join("\n");
  }
  return files;
};

const comparable = (manifest: Parameters<typeof manifestJson>[0]) => manifestJson(manifest).replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");

describe("properties files read on the check worker", () => {
  it("give the manifest and warnings a parse on one thread gives", async () => {
    const dir = writeProject({
      ...described(),
      // a repeated key (TSDBT-W003, found by reading the file again with positions) and an anchor
      "models/m7.yml": "version: 2\nmodels:\n  - name: m7\n    description: first\n    description: second\n    config: &c {tags: [z]}\n  - name: m8\n    config: *c\n",
      "models/m8.yml": "version: 2\n",
    });
    const withWorker = await parseFresh({ projectDir: dir, fullRender: false });
    const alone = await parseFresh({ projectDir: dir, fullRender: true });
    expect(withWorker.fromWorker).toBeGreaterThanOrEqual(WORKER_FIRST);
    expect(alone.fromWorker).toBe(0);
    expect(comparable(withWorker.manifest)).toBe(comparable(alone.manifest));
    expect(withWorker.diagnostics).toEqual(alone.diagnostics);
    expect(withWorker.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toContain("TSDBT-W003 models/m7.yml:5");
    expect(withWorker.manifest.nodes["model.shop.m8"].tags).toEqual(["z"]);
    expect(withWorker.manifest.nodes["model.shop.m59"].description).toBe("Model 59: rendered");
  });

  it("give the errors a parse on one thread gives", async () => {
    const dir = writeProject({ ...described(), "models/m30.yml": "version: 2\nmodels:\n  - name: m30\n    columns: [\n", "models/m50.yml": "version: 2\nmodels: {name: [}\n" });
    const errors = async (fullRender: boolean) => {
      const error = (await parseFresh({ projectDir: dir, fullRender }).then(() => undefined, (e: unknown) => e)) as DiagnosticError;
      return error.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`);
    };
    const expected = await errors(true);
    expect(expected).toEqual(["TSDBT-E001 models/m30.yml:5:1", "TSDBT-E001 models/m50.yml:2:17", "TSDBT-E001 models/m50.yml:2:18"]);
    expect(await errors(false)).toEqual(expected);
  });
});
