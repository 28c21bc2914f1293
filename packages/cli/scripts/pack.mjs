#!/usr/bin/env node
// npm run pack:cli — writes an installable `tsdbt-<version>.tgz` (default into ./dist-pack):
// the CLI with every @tsdbt/* workspace package bundled inside it (their built dist/, include/ and
// assets/), the `tsdbt init` starters, and the third-party dependencies of all of them declared at
// the top, so `npm install -g tsdbt-<version>.tgz` gives a working `tsdbt` anywhere.
// Build first (npx tsc --build); the one-file bundle is made here. Usage: node packages/cli/scripts/pack.mjs [OUT_DIR]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(cliDir, "../..");
const outDir = path.resolve(process.argv[2] ?? path.join(repo, "dist-pack"));
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** Every workspace package by npm name, with its folder. */
const workspaces = new Map(
  fs.readdirSync(path.join(repo, "packages")).flatMap((name) => {
    const file = path.join(repo, "packages", name, "package.json");
    return fs.existsSync(file) ? [[readJson(file).name, path.join(repo, "packages", name)]] : [];
  }),
);

/** Splits entries by a test: [passing, failing]. */
const partition = (entries, test) => [entries.filter(test), entries.filter((e) => !test(e))];

execFileSync(process.execPath, [path.join(cliDir, "scripts", "bundle.mjs")], { stdio: "inherit" });
const cli = readJson(path.join(cliDir, "package.json"));
const stage = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-pack-"));
// built tests and their fixtures stay out of the package
const copy = (from, to) => fs.existsSync(from) && fs.cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith(".tsbuildinfo") && !/\.test\.(js|d\.ts)(\.map)?$/.test(src) && !/[\\/]__fixtures__$/.test(src) });

// The @tsdbt packages the CLI reaches, directly or through each other; adapters are loaded by
// profile type at run time, so every adapter package is bundled too.
const bundled = new Set([...workspaces.keys()].filter((name) => name.startsWith("@tsdbt/adapter-") && name !== "@tsdbt/adapter-tests"));
const visit = (deps) => {
  for (const dep of Object.keys(deps ?? {})) if (workspaces.has(dep) && !bundled.has(dep)) (bundled.add(dep), visit(readJson(path.join(workspaces.get(dep), "package.json")).dependencies));
};
visit(cli.dependencies);
for (const name of [...bundled]) visit(readJson(path.join(workspaces.get(name), "package.json")).dependencies);

const external = {};
for (const name of bundled) {
  const dir = workspaces.get(name);
  const pkg = readJson(path.join(dir, "package.json"));
  const target = path.join(stage, "node_modules", name);
  for (const entry of pkg.files ?? ["dist"]) copy(path.join(dir, entry), path.join(target, entry));
  // third-party dependencies move to the top: npm takes those of a bundled package as bundled too
  const [own, thirdParty] = partition(Object.entries(pkg.dependencies ?? {}), ([dep]) => workspaces.has(dep));
  fs.writeFileSync(path.join(target, "package.json"), JSON.stringify({ ...pkg, dependencies: Object.fromEntries(own), devDependencies: undefined, scripts: undefined }, null, 2));
  for (const [dep, range] of thirdParty) external[dep] = range;
}
for (const entry of cli.files) copy(path.join(cliDir, entry), path.join(stage, entry));
copy(path.join(repo, "templates"), path.join(stage, "templates"));
copy(path.join(repo, "README.md"), path.join(stage, "README.md"));
for (const [dep, range] of Object.entries(cli.dependencies)) if (!workspaces.has(dep)) external[dep] = range;

const manifest = {
  ...cli,
  files: [...cli.files, "templates"],
  dependencies: { ...Object.fromEntries([...bundled].sort().map((name) => [name, readJson(path.join(workspaces.get(name), "package.json")).version])), ...external },
  bundleDependencies: [...bundled].sort(),
  engines: { node: ">=20" },
};
fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2));
fs.mkdirSync(outDir, { recursive: true });
const tarball = execFileSync("npm", ["pack", "--pack-destination", outDir, "--silent"], { cwd: stage, encoding: "utf8" }).trim().split("\n").pop();
fs.rmSync(stage, { recursive: true, force: true });
process.stdout.write(`${path.join(outDir, tarball)}\n`);
