import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// Jobs a prestarted check worker runs for its caller (worker-jobs.ts). The worker runs the built script
// (dist/check-worker/worker-entry.js); each test loads the modules afresh: a process prestarts one worker.
type Modules = { jobs: typeof import("./worker-jobs"); worker: typeof import("./start-check-worker") };
const fresh = (): Modules => {
  let loaded: Modules | undefined;
  jest.isolateModules(() => {
    loaded = { jobs: require("./worker-jobs") as Modules["jobs"], worker: require("./start-check-worker") as Modules["worker"] };
  });
  return loaded!;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-worker-jobs-"));
const release = path.join(dir, "release");
const started = path.join(dir, "started");
// the job: which thread ran it; "throw" throws, "function" returns what cannot be cloned, "wait" waits for a file
const jobModule = path.join(dir, "job.js");
fs.writeFileSync(
  jobModule,
  `const fs = require("node:fs");
const { isMainThread } = require("node:worker_threads");
exports.shout = (input) => {
  if (input === "throw") throw new Error("no");
  if (input === "function") return () => 1;
  if (input === "wait") {
    fs.writeFileSync(${JSON.stringify(started)}, "");
    while (!fs.existsSync(${JSON.stringify(release)})) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  return { upper: input.toUpperCase(), onWorker: !isMainThread };
};`,
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Waits (up to 20 s) until `file` exists: the worker has got that far. */
const waitFor = (file: string) => {
  const since = Date.now();
  while (!fs.existsSync(file) && Date.now() - since < 20_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
};

/** Lets the worker finish everything it was given: its (empty) template work comes after the jobs. */
const finishWorker = (m: Modules) => m.worker.startCheckWorker({ toCheck: [], toRender: [], callable: [], filters: [], tests: [] })!.finish(() => undefined);

describe("jobs on the prestarted check worker", () => {
  it("are not run without a prestarted worker", () => {
    expect(fresh().jobs.runOnPrestartedWorker(jobModule, "shout", ["a"])).toBeUndefined();
  });

  it("runs the function on the worker for every job the caller leaves, and hands back copies of the results", () => {
    const m = fresh();
    m.worker.prestartCheckWorker();
    const jobs = m.jobs.runOnPrestartedWorker(jobModule, "shout", ["a", "b", "c"])!;
    finishWorker(m);
    expect([0, 1, 2].map((i) => jobs.take(i))).toEqual([
      { value: { upper: "A", onWorker: true } },
      { value: { upper: "B", onWorker: true } },
      { value: { upper: "C", onWorker: true } },
    ]);
  });

  it("leaves to the caller the jobs it claimed, and those that threw or gave a value that cannot be cloned", () => {
    const m = fresh();
    m.worker.prestartCheckWorker();
    const inputs = ["a", "throw", "function", ...Array.from({ length: 40 }, (_, i) => `x${i}`)];
    const jobs = m.jobs.runOnPrestartedWorker(jobModule, "shout", inputs)!;
    // the worker starts from the last job: the first is the caller's long before it gets there
    expect(jobs.claim(0)).toBe(true);
    finishWorker(m);
    expect(jobs.take(0)).toBeUndefined();
    expect(jobs.take(1)).toBeUndefined();
    expect(jobs.take(2)).toBeUndefined();
    expect(jobs.take(42)).toEqual({ value: { upper: "X39", onWorker: true } });
    // a job done is not the caller's to claim
    expect(jobs.claim(3)).toBe(false);
  });

  it("lets the caller work on while the worker finishes the job it asks for", () => {
    const m = fresh();
    m.worker.prestartCheckWorker();
    const jobs = m.jobs.runOnPrestartedWorker(jobModule, "shout", ["a", "wait"])!;
    waitFor(started);
    let calls = 0;
    const result = jobs.take(1, () => {
      calls++;
      // the caller does job 0 meanwhile, then lets the worker go on
      expect(jobs.claim(0)).toBe(true);
      fs.writeFileSync(release, "");
      return false;
    });
    expect(calls).toBe(1);
    expect(result).toEqual({ value: { upper: "WAIT", onWorker: true } });
    expect(jobs.take(0)).toBeUndefined();
    finishWorker(m);
  });

  it("are finished by a worker released before its templates came", () => {
    const m = fresh();
    m.worker.prestartCheckWorker();
    fs.rmSync(release, { force: true });
    fs.rmSync(started, { force: true });
    const jobs = m.jobs.runOnPrestartedWorker(jobModule, "shout", ["a", "wait"])!;
    waitFor(started);
    // nothing to check after all: the worker is told so, and is not ended before its jobs are done
    m.worker.releasePrestartedWorker();
    fs.writeFileSync(release, "");
    expect(jobs.take(1)).toEqual({ value: { upper: "WAIT", onWorker: true } });
  });
});
