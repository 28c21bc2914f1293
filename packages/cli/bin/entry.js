"use strict";
// Which file holds the CLI, and how it is loaded. The one-file bundle (packages/cli/bundle/tsdbt.js,
// written by npm run build and npm ci) loads much faster than the ~250 built modules of dist/. In a
// checkout, a `tsc --build` that emitted a bundled package after the bundle was made leaves it stale:
// then the built modules are used. The bundle is compiled with V8's code cache kept beside it
// (bytecode of every function the first run compiled), so later processes skip most compiling.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const bundleDir = path.join(root, "bundle");
const bundle = path.join(bundleDir, "tsdbt.js");

/** The bundle's hash (bundle/meta.json) when it exists and is not stale, else undefined. */
function freshBundle() {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(bundleDir, "meta.json"), "utf8"));
  } catch {
    return undefined;
  }
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
 * Loads the CLI module ({ main, invoke }); given the command line (`argv` without node and script), it
 * may first start the parse's check worker (startCheckWorkerEarly). When `done` is called after the command, a missing or
 * rejected code cache is written (to a temporary file renamed into place; a read-only install just
 * goes without). The cache's name carries the bundle's hash, so a rebuilt bundle never reads another
 * one's bytecode.
 */
function loadCli(argv) {
  tuneJit();
  if (argv) startCheckWorkerEarly(argv);
  const sha1 = freshBundle();
  if (!sha1) return { cli: require(path.join(root, "dist", "index.js")), done: () => undefined };
  const vm = require("node:vm");
  const Module = require("node:module");
  const cacheFile = path.join(bundleDir, `tsdbt.js.${sha1}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // none yet: written after this command
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, "utf8")), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, bundleDir);
  const done = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      const temp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch {
      // not writable: the next process compiles as this one did
    }
  };
  return { cli: mod.exports, done };
}

/** Commands that parse the project (and so may check many package macros on a worker thread). */
const PARSING_COMMANDS = new Set(["parse", "compile", "run", "build", "test", "seed", "snapshot", "ls", "list", "show", "docs", "run-operation", "source", "retry", "clone"]);

/**
 * Starts the parse's check worker thread (see @tsdbt/jinja's check-worker/spawn-worker.ts) before the
 * bundle loads, when the command parses a project with installed packages and will likely parse it in
 * full with no template code cache: the conditions under which the parse would start it later, read
 * here from the command line and the default paths (a guess: the parse ends a worker it does not need).
 */
function startCheckWorkerEarly(argv) {
  if (!PARSING_COMMANDS.has(argv[0])) return;
  const flag = (name) => {
    const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (at < 0) return undefined;
    return argv[at].includes("=") ? argv[at].slice(name.length + 1) : argv[at + 1];
  };
  const projectDir = path.resolve(flag("--project-dir") ?? process.env.DBT_PROJECT_DIR ?? ".");
  const target = path.resolve(projectDir, flag("--target-path") ?? process.env.DBT_TARGET_PATH ?? "target");
  const fullParse = argv.includes("--no-partial-parse") || !fs.existsSync(path.join(target, "partial_parse.json"));
  const codeCached = process.env.TSDBT_TEMPLATE_CACHE !== "0" && fs.existsSync(path.join(target, "tsdbt_template_cache.json"));
  if (!fullParse || codeCached || !fs.existsSync(path.join(projectDir, "dbt_packages"))) return;
  try {
    require(path.join(path.dirname(require.resolve("@tsdbt/jinja/package.json")), "dist", "check-worker", "spawn-worker.js")).startEarlyCheckWorker();
  } catch {
    // the parse starts it itself
  }
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

module.exports = { loadCli };
