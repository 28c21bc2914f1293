"use strict";
// Starts the parse's check worker (@tsdbt/jinja, check-worker/) before the CLI's bundle is loaded,
// when the command line looks like a full parse of a project with installed packages: the worker then
// boots on the other core while this thread loads the bundle and reads the project, and is ready
// for the properties YAML and the package macros about 70 ms sooner. The parse adopts it (or ends
// it, when it finds it needs none: prestartCheckWorker and discardEarlyCheckWorker). A wrong guess
// costs little: a worker ended unused, or one started later, as without this file.
const fs = require("node:fs");
const path = require("node:path");

/** The commands that parse the project (`docs` only as `docs generate`: `docs serve` is a long-lived server that parses nothing). */
const PARSING_COMMANDS = new Set(["parse", "compile", "run", "build", "test", "seed", "snapshot", "ls", "list", "show", "run-operation", "retry", "clone", "source", "lineage"]);

/** A flag's value on the command line (`--name value` or `--name=value`), else undefined. */
function flagValue(argv, name) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * Whether `argv` looks like a parse that checks package macros on a worker: a parsing command, a
 * project with dbt_packages/ (dbt's default packages-install-path), and neither a saved parse state
 * to reuse nor a template code cache in the target folder (the project's own target-path is not
 * read here: the default or --target-path / DBT_TARGET_PATH).
 */
function looksLikeFullParse(argv, env = process.env, cwd = process.cwd()) {
  if (argv.some((a) => a === "--help" || a === "-h" || a === "--version")) return false;
  if (!argv.some((a) => PARSING_COMMANDS.has(a)) && !(argv.includes("docs") && argv.includes("generate"))) return false;
  const projectDir = path.resolve(cwd, flagValue(argv, "project-dir") ?? env.DBT_PROJECT_DIR ?? ".");
  if (!fs.existsSync(path.join(projectDir, "dbt_packages"))) return false;
  const targetPath = path.resolve(projectDir, flagValue(argv, "target-path") ?? env.DBT_TARGET_PATH ?? "target");
  if (fs.existsSync(path.join(targetPath, "tsdbt_template_cache.json"))) return false;
  const partialParse = !argv.includes("--no-partial-parse") && !/^(0|false)$/i.test(env.DBT_PARTIAL_PARSE ?? "");
  return !(partialParse && fs.existsSync(path.join(targetPath, "partial_parse.json")));
}

/** Starts the check worker for the parse `argv` asks for, when it looks like one that needs it. */
function startEarlyCheckWorker(argv) {
  try {
    if (!looksLikeFullParse(argv)) return;
    const { spawnCheckWorker, EARLY_CHECK_WORKER } = require("@tsdbt/jinja/dist/check-worker/spawn-worker.js");
    const worker = spawnCheckWorker(path.join(__dirname, "check-worker.js"));
    if (worker) globalThis[EARLY_CHECK_WORKER] = worker;
  } catch {
    // the parse starts its worker itself
  }
}

module.exports = { startEarlyCheckWorker, looksLikeFullParse };
