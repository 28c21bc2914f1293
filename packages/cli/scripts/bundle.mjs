#!/usr/bin/env node
// Bundles the built CLI (packages/cli/dist/index.js: main() and invoke()) with the @tsdbt packages it
// reaches and their pure-JavaScript dependencies into one file, packages/cli/bundle/tsdbt.js, so a
// new process loads one file instead of ~250 (bin/tsdbt.js prefers it while it is newer than every
// file it was made from). Adapters stay outside, loaded by profile type at run time (they get the
// bundle's @tsdbt/adapter-api: src/share-adapter-api.ts), as do packages with native code or data read at run time.
// It also writes the V8 code cache bin/entry.js loads the bundle with, by parsing a copy of the example project.
// Run after `tsc --build` (npm run build and npm ci do both). Usage: node packages/cli/scripts/bundle.mjs
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as os from "node:os";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(cliDir, "../..");
const outDir = path.join(cliDir, "bundle");

/**
 * Packages read into the bundle; anything else (adapters, native and data packages) is required at run
 * time. @tsdbt/adapter-api is inside, and registered as Node's module for its file (src/share-adapter-api.ts):
 * the adapters loaded at run time get the bundle's copy.
 */
const INSIDE = new Set(["tsdbt", "@tsdbt/core", "@tsdbt/adapter-api", "@tsdbt/jinja", "@tsdbt/runner", "@tsdbt/lineage", "@tsdbt/docs", "js-yaml", "yaml", "nunjucks", "a-sync-waterfall", "asap", "graphlib", "lodash"]);
const packageOf = (request) => (request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0]);

/** Workspace package folder -> npm name, to give bundled files their own __dirname at run time. */
const workspaceNames = new Map(
  fs.readdirSync(path.join(repo, "packages")).flatMap((dir) => {
    const file = path.join(repo, "packages", dir, "package.json");
    return fs.existsSync(file) ? [[path.join(repo, "packages", dir), JSON.parse(fs.readFileSync(file, "utf8")).name]] : [];
  }),
);

const plugin = {
  name: "tsdbt-layout",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("node:") || INSIDE.has(packageOf(args.path)) ? undefined : { path: args.path, external: true }));
    // files that find data beside themselves (include/macros, templates, their own dist) keep their
    // folder: it is found at run time through their package, wherever npm put it
    build.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]dist[\\/].*\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, "utf8");
      if (!/\b__dirname\b/.test(text)) return undefined;
      const pkgDir = [...workspaceNames.keys()].find((dir) => args.path.startsWith(dir + path.sep));
      const sub = path.relative(pkgDir, path.dirname(args.path)).split(path.sep).join("/");
      const root = workspaceNames.get(pkgDir) === "tsdbt" ? `require("node:path").join(__tsdbtBundleDir, "..")` : `require("node:path").dirname(require.resolve(${JSON.stringify(`${workspaceNames.get(pkgDir)}/package.json`)}))`;
      return { contents: `var __dirname = require("node:path").join(${root}, ${JSON.stringify(sub)});\n${text}`, loader: "js" };
    });
  },
};

/** The hash of @tsdbt/jinja's compiled files, its template code cache's key in the bundle (jinja/src/template-code-cache.ts). */
function jinjaBuild() {
  const hash = createHash("sha1");
  const dist = path.join(repo, "packages", "jinja", "dist");
  for (const file of fs.readdirSync(dist, { recursive: true }).filter((f) => f.endsWith(".js")).sort()) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dist, file)));
  return `bundle:${hash.digest("hex")}`;
}

fs.rmSync(outDir, { recursive: true, force: true });
/** What both bundles are built with. */
const common = { bundle: true, platform: "node", target: "node20", format: "cjs", metafile: true, logLevel: "error", minifyWhitespace: true, plugins: [plugin] };
const result = await esbuild.build({
  ...common,
  entryPoints: [path.join(cliDir, "dist", "index.js")],
  outfile: path.join(outDir, "tsdbt.js"),
  banner: { js: "const __tsdbtBundleDir = __dirname;" },
  define: { __TSDBT_JINJA_BUILD__: JSON.stringify(jinjaBuild()) },
});
// the check worker's own bundle (bin/check-worker.js loads it in the worker with its code cache)
const workerResult = await esbuild.build({ ...common, entryPoints: [path.join(cliDir, "dist", "check-worker-entry.js")], outfile: path.join(outDir, "check-worker.js") });
// One non-ASCII character makes Node decode the whole file as UTF-8 into a two-byte string (about 12 ms
// more for 2 MB, and twice the memory) instead of taking its fast ASCII path. esbuild escapes them in
// code (its default ASCII charset), so what is left is in comments (`…`, `→`): written as \u escapes.
for (const name of ["tsdbt.js", "check-worker.js"]) {
  const file = path.join(outDir, name);
  const text = fs.readFileSync(file, "utf8");
  if (/[^\x00-\x7f]/.test(text)) fs.writeFileSync(file, text.replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`));
}
// what bin/entry.js checks to see the bundle is stale in a checkout: the build info tsc --build
// rewrites whenever it emits a bundled workspace package (paths relative to the bundle; esbuild gives
// its inputs relative to the working folder)
const built = new Set([...Object.keys(result.metafile.inputs), ...Object.keys(workerResult.metafile.inputs)].flatMap((p) => {
  const dir = [...workspaceNames.keys()].find((d) => path.resolve(p).startsWith(d + path.sep));
  return dir ? [path.relative(outDir, path.join(dir, "tsconfig.tsbuildinfo")).split(path.sep).join("/")] : [];
}));
// and the bundles' hashes, which name their V8 code caches (a cache is only ever read with the bundle it was made from)
const hashOf = (name) => createHash("sha1").update(fs.readFileSync(path.join(outDir, name))).digest("hex").slice(0, 16);
const sha1 = hashOf("tsdbt.js");
fs.writeFileSync(path.join(outDir, "meta.json"), `${JSON.stringify({ sha1, checkWorker: hashOf("check-worker.js"), inputs: [...built].sort() })}\n`);

// the V8 code cache beside the bundle (bin/entry.js), filled by parsing a copy of the example project
const warm = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bundle-"));
try {
  fs.cpSync(path.join(repo, "example-project"), warm, { recursive: true, filter: (src) => !/[\\/](target|logs)$/.test(src) });
  execFileSync(process.execPath, [path.join(cliDir, "bin", "tsdbt.js"), "parse", "--project-dir", warm, "--profiles-dir", warm], { stdio: "ignore", env: { ...process.env, TSDBT_TEMPLATE_CACHE: "0" } });
} finally {
  fs.rmSync(warm, { recursive: true, force: true });
}

// the check worker's code cache, made by a worker that reads the example project's properties YAML
// (the job a parse gives it first) and checks tsdbt's built-in macros (with the CLI's V8 flags: a cache is keyed by them)
execFileSync(process.execPath, ["-e", `
  require(${JSON.stringify(path.join(cliDir, "bin", "entry.js"))}).tuneJit();
  const fs = require("node:fs");
  const path = require("node:path");
  const { Worker, MessageChannel } = require("node:worker_threads");
  const { builtinMacroFiles } = require(${JSON.stringify(path.join(repo, "packages", "core", "dist", "parse", "load-macros.js"))});
  const { extractBlocks } = require("@tsdbt/jinja");
  const toCheck = builtinMacroFiles().flatMap((f) => extractBlocks(f.contents, f.path).blocks.map((b) => b.source));
  const models = ${JSON.stringify(path.join(repo, "example-project", "models"))};
  const yaml = fs.readdirSync(models, { recursive: true }).filter((f) => /\\.ya?ml$/.test(f)).map((f) => fs.readFileSync(path.join(models, f), "utf8"));
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(${JSON.stringify(path.join(cliDir, "bin", "check-worker.js"))}, { workerData: { port: port2, signal, saveCodeCache: true }, transferList: [port2] });
  const jobs = new MessageChannel();
  const job = ${JSON.stringify(path.join(repo, "packages", "core", "dist", "yaml", "yaml-worker-job.js"))};
  port1.postMessage({ kind: "jobs", modulePath: job, exportName: "loadPropertiesYaml", inputs: yaml, claimed: new SharedArrayBuffer(4 * yaml.length), port: jobs.port2 }, [jobs.port2]);
  jobs.port1.unref();
  port1.postMessage({ kind: "check", filters: [], tests: [], toCheck, toRender: [], callable: [], claimed: new SharedArrayBuffer(4 * toCheck.length) });
  port1.on("message", () => undefined);
  worker.on("exit", () => process.exit(0));
  port1.unref();
`], { stdio: "inherit", cwd: repo });
