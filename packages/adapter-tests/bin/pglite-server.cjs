#!/usr/bin/env node
/*
 * Serves an in-memory PGlite database over the PostgreSQL wire protocol on a free 127.0.0.1
 * port (for tests when no real server is configured). Prints one JSON line, {"host","port"},
 * once it listens; stops when its stdin closes (the parent went away) or on SIGTERM.
 * A child process because PGlite loads its wasm with dynamic import(), which jest's VM lacks.
 */
"use strict";
const { PGlite } = require("@electric-sql/pglite");
const { PGLiteSocketServer } = require("@electric-sql/pglite-socket");

async function main() {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  process.stdout.write(`${JSON.stringify({ host, port: Number(port) })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  process.stderr.write(`PGlite failed to start: ${error && error.message ? error.message : String(error)}\n`);
  process.exit(1);
});
