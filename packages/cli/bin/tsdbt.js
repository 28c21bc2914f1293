#!/usr/bin/env node
"use strict";
// A reader that stops early (`tsdbt ls | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { cli, done } = require("./entry.js").loadCli(process.argv.slice(2));
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  done();
});
