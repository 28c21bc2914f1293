// Preload (`node --require ./bench/statement-timer.cjs …`) that times every DuckDB statement without
// touching product code. tsdbt runs its adapter in a worker thread, and --require preloads run in
// workers too (they inherit execArgv): there it wraps DuckDBConnection.prototype.run and .stream of
// @duckdb/node-api (the two calls tsdbt's DuckDB adapter sends SQL through) and posts each statement's
// [start, end] (ms since the epoch, performance.timeOrigin-based) on the BroadcastChannel below.
"use strict";
const { isMainThread, BroadcastChannel } = require("node:worker_threads");

const CHANNEL = "tsdbt-bench-statement-timer";
globalThis.__tsdbtStatementTimer = CHANNEL;

if (!isMainThread) {
  const { DuckDBConnection } = require("@duckdb/node-api");
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  for (const method of ["run", "stream"]) {
    const original = DuckDBConnection.prototype[method];
    DuckDBConnection.prototype[method] = async function timed(...args) {
      const start = performance.timeOrigin + performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        channel.postMessage([start, performance.timeOrigin + performance.now()]);
      }
    };
  }
}
