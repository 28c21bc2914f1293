import { runSchedule, type ScheduledTask, type SkipReason } from "./dag-scheduler";

/** A task runner whose tasks finish only when the test says so. */
function controlledRunner() {
  const pending = new Map<string, (ok: boolean) => void>();
  const started: { id: string; thread: number }[] = [];
  let maxConcurrent = 0;
  const run = (id: string, thread: number): Promise<boolean> => {
    started.push({ id, thread });
    maxConcurrent = Math.max(maxConcurrent, pending.size + 1);
    return new Promise((resolve) => pending.set(id, (ok) => { pending.delete(id); resolve(ok); }));
  };
  const settle = async (id: string, ok = true): Promise<void> => {
    const done = pending.get(id);
    if (!done) throw new Error(`${id} is not running (running: ${[...pending.keys()].join(", ")})`);
    done(ok);
    await new Promise((r) => setImmediate(r));
  };
  return { run, settle, started, pending, get maxConcurrent() { return maxConcurrent; } };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("runSchedule", () => {
  it("starts a task only after all its parents succeeded", async () => {
    const tasks: ScheduledTask[] = [
      { id: "a", parents: [] },
      { id: "b", parents: [] },
      { id: "c", parents: ["a", "b"] },
    ];
    const r = controlledRunner();
    const done = runSchedule(tasks, { threads: 4, run: r.run, skip: () => undefined });
    await tick();
    expect(r.started.map((s) => s.id).sort()).toEqual(["a", "b"]);
    await r.settle("a");
    expect(r.started.map((s) => s.id)).not.toContain("c");
    await r.settle("b");
    expect(r.started.map((s) => s.id)).toContain("c");
    await r.settle("c");
    await expect(done).resolves.toEqual({ interrupted: false, notStarted: [] });
  });

  it("never runs more tasks at once than it has threads and numbers the threads from 1", async () => {
    const tasks = ["a", "b", "c", "d", "e"].map((id) => ({ id, parents: [] }));
    const r = controlledRunner();
    const done = runSchedule(tasks, { threads: 2, run: r.run, skip: () => undefined });
    await tick();
    while (r.pending.size > 0) await r.settle([...r.pending.keys()][0]!);
    await done;
    expect(r.started).toHaveLength(5);
    expect(r.maxConcurrent).toBe(2);
    expect(new Set(r.started.map((s) => s.thread))).toEqual(new Set([1, 2]));
  });

  it("skips every descendant of a failed task, naming the failed task, and runs the rest", async () => {
    const tasks: ScheduledTask[] = [
      { id: "root", parents: [] },
      { id: "child", parents: ["root"] },
      { id: "grandchild", parents: ["child", "other"] },
      { id: "other", parents: [] },
    ];
    const skipped: [string, SkipReason][] = [];
    const r = controlledRunner();
    const done = runSchedule(tasks, { threads: 1, run: r.run, skip: (id, why) => skipped.push([id, why]) });
    await tick();
    await r.settle("other");
    await r.settle("root", false);
    await done;
    expect(r.started.map((s) => s.id)).toEqual(["other", "root"]);
    expect(skipped).toEqual(
      expect.arrayContaining([
        ["child", { kind: "upstream-failed", failedId: "root" }],
        ["grandchild", { kind: "upstream-failed", failedId: "root" }],
      ]),
    );
    expect(skipped).toHaveLength(2);
  });

  it("treats a task that throws as failed", async () => {
    const skipped: string[] = [];
    await runSchedule(
      [{ id: "a", parents: [] }, { id: "b", parents: ["a"] }],
      { threads: 1, run: async (id) => { if (id === "a") throw new Error("boom"); return true; }, skip: (id) => skipped.push(id) },
    );
    expect(skipped).toEqual(["b"]);
  });

  it("on one thread, starts tasks in dbt-core's order: by generation, then by id", async () => {
    // dbt-core 1.10's `run --threads 1` on these seven models: a, m, z, b, zz, c, mc
    const tasks: ScheduledTask[] = [
      { id: "mc", parents: ["m", "c"] },
      { id: "zz", parents: ["z"] },
      { id: "c", parents: ["b"] },
      { id: "b", parents: ["a"] },
      { id: "z", parents: [] },
      { id: "m", parents: [] },
      { id: "a", parents: [] },
    ];
    const order: string[] = [];
    await runSchedule(tasks, { threads: 1, run: async (id) => { order.push(id); return true; }, skip: () => undefined });
    expect(order).toEqual(["a", "m", "z", "b", "zz", "c", "mc"]);
    // generations count within the schedule: `run -s b c m zz` gives b, m, zz, c in dbt-core
    const selected = tasks.filter((t) => ["b", "c", "m", "zz"].includes(t.id));
    const subset: string[] = [];
    await runSchedule(selected, { threads: 1, run: async (id) => { subset.push(id); return true; }, skip: () => undefined });
    expect(subset).toEqual(["b", "m", "zz", "c"]);
  });

  it("on more threads, starts the head of the longest remaining chain first, then by id", async () => {
    const tasks: ScheduledTask[] = [
      { id: "z_leaf", parents: [] },
      { id: "b_leaf", parents: [] },
      { id: "m_head", parents: [] },
      { id: "m_tail", parents: ["m_head"] },
    ];
    const r = controlledRunner();
    const done = runSchedule(tasks, { threads: 2, run: r.run, skip: () => undefined });
    await tick();
    expect(r.started.map((s) => s.id)).toEqual(["m_head", "b_leaf"]);
    await r.settle("m_head", true);
    await tick();
    expect(r.started.map((s) => s.id)).toEqual(["m_head", "b_leaf", "m_tail"]);
    await r.settle("b_leaf", true);
    await tick();
    await r.settle("m_tail", true);
    await tick();
    await r.settle("z_leaf", true);
    await done;
    expect(r.started.map((s) => s.id)).toEqual(["m_head", "b_leaf", "m_tail", "z_leaf"]);
  });

  it("with one thread, runs independent tasks in id order however many there are", async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `task_${String((i * 37) % 50).padStart(2, "0")}`);
    const order: string[] = [];
    await runSchedule(ids.map((id) => ({ id, parents: [] })), { threads: 1, run: async (id) => { order.push(id); return true; }, skip: () => undefined });
    expect(order).toEqual([...ids].sort());
  });

  it("with failFast, starts nothing after the first failure, stops running work and skips the rest", async () => {
    const tasks = ["a", "b", "c", "d"].map((id) => ({ id, parents: [] as string[] }));
    const skipped: [string, SkipReason][] = [];
    const stop = jest.fn();
    const r = controlledRunner();
    const done = runSchedule(tasks, { threads: 2, failFast: true, run: r.run, skip: (id, why) => skipped.push([id, why]), stop });
    await tick();
    await r.settle("a", false);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(r.started.map((s) => s.id)).toEqual(["a", "b"]);
    await r.settle("b", false);
    await done;
    expect(skipped).toEqual([
      ["c", { kind: "fail-fast", failedId: "a" }],
      ["d", { kind: "fail-fast", failedId: "a" }],
    ]);
  });

  it("on abort, stops running work and reports the tasks it never started", async () => {
    const controller = new AbortController();
    const stop = jest.fn();
    const skipped: string[] = [];
    const r = controlledRunner();
    const tasks: ScheduledTask[] = [
      { id: "a", parents: [] },
      { id: "b", parents: ["a"] },
      { id: "c", parents: [] },
    ];
    const done = runSchedule(tasks, { threads: 1, signal: controller.signal, run: r.run, skip: (id) => skipped.push(id), stop });
    await tick();
    controller.abort();
    expect(stop).toHaveBeenCalledTimes(1);
    await r.settle("a", false);
    await expect(done).resolves.toEqual({ interrupted: true, notStarted: ["b", "c"] });
    expect(skipped).toEqual([]);
  });
});
