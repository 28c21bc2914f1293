/** Values of an item's slot in the shared array through which the caller and a check worker claim work (templates, jobs). */
export const UNCLAIMED = 0;
/** The caller's: it does the item itself. */
export const CALLER = 1;
/** The worker's: it started the item. */
export const WORKER = 2;
/** The worker's, and its result posted (jobs, worker-jobs.ts). */
export const DONE = 3;

/** How long the caller waits on a worker that posts nothing before doing the rest itself (the worker died). */
export const STALLED_MS = 10_000;
