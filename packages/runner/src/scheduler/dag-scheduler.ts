import { ReadyQueue } from "./ready-queue";

/** A unit of work and the ids it waits for (only ids in the same schedule count). */
export interface ScheduledTask {
  id: string;
  parents: readonly string[];
}

/** Why a task never ran. */
export type SkipReason =
  | { kind: "upstream-failed"; failedId: string }
  | { kind: "fail-fast"; failedId: string };

/** How the scheduler runs tasks and reports the ones it will not run. */
export interface ScheduleOptions {
  /** Number of workers (at least 1). */
  threads: number;
  /** After the first failed task, start nothing more and call `stop`. */
  failFast?: boolean;
  /** When aborted, nothing more starts and `stop` is called; unstarted tasks get no callback. */
  signal?: AbortSignal;
  /** Runs a task on worker `thread` (1-based). Resolves true on success; false (or a throw) is a failure. */
  run(id: string, thread: number): Promise<boolean>;
  /** Called once for each task that will not run because of a failure. */
  skip(id: string, reason: SkipReason): void;
  /** Cancels running work (fail-fast or abort). */
  stop?(): Promise<void> | void;
}

/** How a schedule ended. */
export interface ScheduleOutcome {
  /** The signal aborted the schedule. */
  interrupted: boolean;
  /** Ids never started and never skipped (only after an abort). */
  notStarted: string[];
}

/**
 * Runs a DAG of tasks on `threads` workers. A task starts once all its parents succeeded;
 * a failed task skips all its descendants. Ready tasks start in a stable order. On one thread
 * it is dbt-core's: by generation (a task's longest distance from a task of the schedule with
 * no parents in it), then by id, so a run logs its nodes in the order dbt's does. On more
 * threads the order is timing's anyway, and tasks heading the longest remaining chain start
 * first (so long paths do not wait at the end), then by id.
 */
export async function runSchedule(tasks: readonly ScheduledTask[], options: ScheduleOptions): Promise<ScheduleOutcome> {
  const known = new Set(tasks.map((t) => t.id));
  const children = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  const waiting = new Map<string, number>();
  for (const t of tasks) {
    const parents = [...new Set(t.parents)].filter((p) => known.has(p) && p !== t.id);
    waiting.set(t.id, parents.length);
    for (const p of parents) children.get(p)!.push(t.id);
  }
  const ids = tasks.map((t) => t.id);
  const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  let byPriority: (a: string, b: string) => number;
  if (Math.floor(options.threads) <= 1) {
    const generation = generations(ids, children, waiting);
    byPriority = (a, b) => generation.get(a)! - generation.get(b)! || byId(a, b);
  } else {
    const chain = chainLengths(ids, children);
    byPriority = (a, b) => chain.get(b)! - chain.get(a)! || byId(a, b);
  }

  const ready = new ReadyQueue<string>(byPriority);
  for (const t of tasks) if (waiting.get(t.id) === 0) ready.push(t.id);
  const settled = new Set<string>();
  const freeThreads = Array.from({ length: Math.max(1, Math.floor(options.threads)) }, (_, i) => i + 1);
  let running = 0;
  let stopped = false;
  let interrupted = false;
  let failFastCause: string | null = null;

  const skipDescendants = (failedId: string): void => {
    const stack = [...children.get(failedId)!];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (settled.has(id)) continue;
      settled.add(id);
      options.skip(id, { kind: "upstream-failed", failedId });
      stack.push(...children.get(id)!);
    }
  };

  return new Promise<ScheduleOutcome>((resolve) => {
    const halt = (): void => {
      if (stopped) return;
      stopped = true;
      void Promise.resolve(options.stop?.()).catch(() => undefined);
    };
    const onAbort = (): void => {
      interrupted = true;
      halt();
      pump();
    };
    const finish = (): void => {
      options.signal?.removeEventListener("abort", onAbort);
      const notStarted: string[] = [];
      for (const t of tasks) {
        if (settled.has(t.id)) continue;
        if (failFastCause !== null && !interrupted) {
          settled.add(t.id);
          options.skip(t.id, { kind: "fail-fast", failedId: failFastCause });
        } else notStarted.push(t.id);
      }
      resolve({ interrupted, notStarted });
    };
    const complete = (id: string, thread: number, ok: boolean): void => {
      running--;
      freeThreads.push(thread);
      freeThreads.sort((a, b) => a - b);
      if (ok) {
        for (const child of children.get(id)!) {
          const left = waiting.get(child)! - 1;
          waiting.set(child, left);
          if (left === 0 && !settled.has(child)) ready.push(child);
        }
      } else if (!interrupted) {
        skipDescendants(id);
        if (options.failFast && failFastCause === null) {
          failFastCause = id;
          halt();
        }
      }
      pump();
    };
    const pump = (): void => {
      while (!stopped && freeThreads.length > 0 && ready.size > 0) {
        const id = ready.pop()!;
        if (settled.has(id)) continue;
        settled.add(id);
        const thread = freeThreads.shift()!;
        running++;
        options.run(id, thread).then(
          (ok) => complete(id, thread, ok),
          () => complete(id, thread, false),
        );
      }
      if (running === 0 && (stopped || ready.size === 0)) finish();
    };
    if (options.signal?.aborted) {
      interrupted = true;
      stopped = true;
    } else options.signal?.addEventListener("abort", onAbort, { once: true });
    pump();
  });
}

/** For each id, the number of tasks on its longest chain of descendants (itself included). */
/** Each task's generation: 0 without parents in the schedule, else one more than its latest parent's. */
function generations(ids: readonly string[], children: Map<string, string[]>, parentCounts: Map<string, number>): Map<string, number> {
  const generation = new Map<string, number>();
  const left = new Map(parentCounts);
  let current = ids.filter((id) => left.get(id) === 0);
  for (let depth = 0; current.length > 0; depth++) {
    const next: string[] = [];
    for (const id of current) {
      generation.set(id, depth);
      for (const c of children.get(id)!) {
        const n = left.get(c)! - 1;
        left.set(c, n);
        if (n === 0) next.push(c);
      }
    }
    current = next;
  }
  return generation;
}

function chainLengths(ids: readonly string[], children: Map<string, string[]>): Map<string, number> {
  const memo = new Map<string, number>();
  const visit = (root: string): void => {
    const stack: [string, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [id, expanded] = stack.pop()!;
      if (memo.has(id)) continue;
      if (expanded) {
        memo.set(id, 1 + children.get(id)!.reduce((longest, c) => Math.max(longest, memo.get(c) ?? 0), 0));
        continue;
      }
      stack.push([id, true]);
      for (const c of children.get(id)!) if (!memo.has(c)) stack.push([c, false]);
    }
  };
  for (const id of ids) visit(id);
  return memo;
}
