// Preload (`node --require ./bench/statement-timer.cjs …`) that times every DuckDB statement without
// touching product code. tsdbt runs its adapter in a worker thread, and --require preloads run in
// workers too (they inherit execArgv): there it wraps DuckDBConnection.prototype.run and .stream of
// @duckdb/node-api (the two calls tsdbt's DuckDB adapter sends SQL through), and DuckDBInstance.closeSync (where
// DuckDB checkpoints its write-ahead log into the file), and posts each statement's
// [start, end, kind] (ms since the epoch, performance.timeOrigin-based; kind = first words of the SQL) on the BroadcastChannel below.
"use strict";
const { isMainThread, BroadcastChannel } = require("node:worker_threads");

const CHANNEL = "tsdbt-bench-statement-timer";
globalThis.__tsdbtStatementTimer = CHANNEL;

/** `create table`, `alter table`, `drop view`, `select`…: the statement's first words, for a per-kind breakdown. */
function kindOf(sql) {
  const words = String(sql).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " ").trim().toLowerCase().split(/\s+/);
  const [first, second, third] = words;
  if (first === "create" && second === "or" && words[2] === "replace") return `create or replace ${words[3]}`;
  if (["create", "alter", "drop"].includes(first)) return `${first} ${second === "temporary" || second === "temp" ? third : second}`;
  return first ?? "";
}

if (!isMainThread) {
  const { DuckDBConnection, DuckDBInstance } = require("@duckdb/node-api");
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  // closing the database file makes DuckDB checkpoint its write-ahead log into it: database work,
  // counted with the statements
  const close = DuckDBInstance.prototype.closeSync;
  DuckDBInstance.prototype.closeSync = function timedClose(...args) {
    const start = performance.timeOrigin + performance.now();
    try {
      return close.apply(this, args);
    } finally {
      channel.postMessage([start, performance.timeOrigin + performance.now(), "checkpoint (closing the file)"]);
    }
  };
  for (const method of ["run", "stream"]) {
    const original = DuckDBConnection.prototype[method];
    DuckDBConnection.prototype[method] = async function timed(...args) {
      const start = performance.timeOrigin + performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        channel.postMessage([start, performance.timeOrigin + performance.now(), kindOf(args[0])]);
      }
    };
  }
}
