"use strict";
// The check worker of the bundled CLI (@tsdbt/jinja's start-check-worker.ts starts it when the CLI runs
// from its bundle): the worker's own one-file bundle, bundle/check-worker.js (scripts/bundle.mjs), loaded
// with the V8 code cache the build made for it, so the worker neither reads the ~25 files of the template
// compiler nor compiles their functions before it can start (about 40 ms of a cold parse's worker time).
// Without the bundle, the compiler's built files are used. `saveCodeCache` in workerData (the build only)
// writes the cache once the worker's work is done.
const fs = require("node:fs");
const path = require("node:path");
const { workerData } = require("node:worker_threads");
const { bundleMeta, runBundle } = require("./load-bundle.js");

const bundleDir = path.join(__dirname, "..", "bundle");
const bundle = path.join(bundleDir, "check-worker.js");

function run() {
  const meta = bundleMeta(bundleDir);
  if (!meta?.checkWorker || !fs.existsSync(bundle)) {
    require(path.join(path.dirname(require.resolve("@tsdbt/jinja/package.json")), "dist", "check-worker", "worker-entry.js"));
    return;
  }
  const { script, cacheFile } = runBundle(bundleDir, "check-worker.js", meta.checkWorker);
  if (workerData?.saveCodeCache) {
    const timer = setInterval(() => {
      if (Atomics.load(workerData.signal, 0) === 0) return;
      clearInterval(timer);
      fs.writeFileSync(cacheFile, script.createCachedData());
    }, 5);
  }
}

run();
