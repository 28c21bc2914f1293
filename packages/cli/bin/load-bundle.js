"use strict";
// Runs a one-file bundle of this package (bundle/<name>) as a CommonJS module, compiled with the V8 code
// cache kept beside it (bundle/<name>.<sha1>.v8cache: bytecode of the functions a run compiled), so a
// process skips most compiling. Used by entry.js (the CLI) and check-worker.js (its check worker).
const fs = require("node:fs");
const path = require("node:path");

/** The bundles' bundle/meta.json (their hashes and what they were made from), or undefined when there is none. */
function bundleMeta(bundleDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(bundleDir, "meta.json"), "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Runs `bundleDir/name` with the code cache named by `sha1` when there is one. Returns the module's
 * exports, the compiled script (for `createCachedData()`), whether a cache was read and accepted, and
 * the cache's file.
 */
function runBundle(bundleDir, name, sha1) {
  const vm = require("node:vm");
  const Module = require("node:module");
  const bundle = path.join(bundleDir, name);
  const cacheFile = path.join(bundleDir, `${name}.${sha1}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet
  }
  // the bundles are ASCII (scripts/bundle.mjs makes sure): read as latin1, which skips UTF-8 decoding
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "latin1")), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, bundleDir);
  return { exports: mod.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected, cacheFile };
}

module.exports = { bundleMeta, runBundle };
