/** node:worker_threads, loaded when first used: a parse that starts no worker thread does not load it (a few ms of a cold start). */
export const threads = (): typeof import("node:worker_threads") => require("node:worker_threads") as typeof import("node:worker_threads");
