"use strict";
// Which file holds the CLI, and how it is loaded. The one-file bundle (packages/cli/bundle/tsdbt.js,
// written by npm run build and npm ci) loads much faster than the ~250 built modules of dist/. In a
// checkout, a `tsc --build` that emitted a bundled package after the bundle was made leaves it stale:
// then the built modules are used. The bundle is compiled with V8's code cache kept beside it
// (bytecode of every function the first run compiled), so later processes skip most compiling.
const fs = require("node:fs");
const path = require("node:path");
const { bundleMeta, runBundle } = require("./load-bundle.js");

const root = path.join(__dirname, "..");
const bundleDir = path.join(root, "bundle");
const bundle = path.join(bundleDir, "tsdbt.js");

/** The bundle's hash (bundle/meta.json) when it exists and is not stale, else undefined. */
function freshBundle() {
  const meta = bundleMeta(bundleDir);
  if (!meta) return undefined;
  // an installed package ships no sources and is never rebuilt in place
  if (!fs.existsSync(path.join(root, "src"))) return meta.sha1;
  const made = fs.statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (made === undefined) return undefined;
  for (const input of meta.inputs) {
    const built = fs.statSync(path.join(bundleDir, input), { throwIfNoEntry: false });
    if (!built || built.mtimeMs > made) return undefined;
  }
  return meta.sha1;
}

/**
 * Loads the CLI module ({ main, invoke }); `bundled` says whether it came from the bundle (else from
 * dist/, the bundle being stale or missing). When `done` is called after the command, a missing or
 * rejected code cache is written (to a temporary file renamed into place; a read-only install just
 * goes without). The cache's name carries the bundle's hash, so a rebuilt bundle never reads another
 * one's bytecode. Given the command line it will run, it first starts the parse's check worker when
 * the command looks like a full parse and the bundle is fresh (early-check-worker.js).
 */
function loadCli(argv) {
  tuneJit();
  const sha1 = freshBundle();
  // the early worker runs the check worker's bundle, made with this one: not beside a stale bundle
  if (argv && sha1) require("./early-check-worker.js").startEarlyCheckWorker(argv);
  if (!sha1) return { cli: require(path.join(root, "dist", "index.js")), done: () => undefined, bundled: false };
  const { exports, script, cached, cacheFile } = runBundle(bundleDir, "tsdbt.js", sha1);
  const done = () => {
    if (cached) return;
    try {
      const temp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch {
      // not writable: the next process compiles as this one did
    }
  };
  return { cli: exports, done, bundled: true };
}

/**
 * A command is a short process that runs most of its code a few times: V8's optimising compiler
 * (TurboFan), started on functions after a little use, spent about 0.35 s of a cold parse's 1.2 s of
 * CPU on the mattermost corpus project, on background threads that compete with the parse for the
 * cores. Functions are optimised after 4 times V8's default budget of bytecode run (--interrupt-budget
 * 67584): hot loops still are, a cold corpus parse uses about 30% less CPU and the main
 * thread is as fast (about 4% slower on a 5,000-model parse). Only the CLI does this: the Node API
 * leaves its host's V8 alone. V8 keys its code cache by flags: bundle/*.v8cache is made with this one.
 * See docs/performance.md.
 */
function tuneJit() {
  require("node:v8").setFlagsFromString("--interrupt-budget=270336");
}

module.exports = { loadCli, tuneJit };
