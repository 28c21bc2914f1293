import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The CLI's one-file bundle holds its own @tsdbt/adapter-api and registers it as Node's module for
// that package's file (packages/cli/src/share-adapter-api.ts): an adapter loaded at run time must get
// that copy (one AdapterError class for the runner and the adapter), not a second one from dist/.
// Checked in a plain Node process (jest has its own module registry), on the built bundle.
const ROOT = path.resolve(__dirname, "..");
const EXAMPLE = path.join(ROOT, "example-project");

test("adapters loaded by the bundled CLI share its @tsdbt/adapter-api", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-shared-api-"));
  fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/[\\/](target|logs)$/.test(src) && !src.endsWith(".duckdb") });
  const script = `
    const { cli, bundled } = require(${JSON.stringify(path.join(ROOT, "packages/cli/bin/entry.js"))}).loadCli();
    cli.invoke(["parse", "--project-dir", ${JSON.stringify(dir)}, "--profiles-dir", ${JSON.stringify(dir)}], { write: () => undefined }).then((result) => {
      const { createRequire } = require("node:module");
      // what the DuckDB adapter's own require of the package gives
      const adapterRequire = createRequire(require.resolve("@tsdbt/adapter-duckdb", { paths: [${JSON.stringify(ROOT)}] }));
      const api = adapterRequire("@tsdbt/adapter-api");
      const apiDir = require("node:path").dirname(adapterRequire.resolve("@tsdbt/adapter-api"));
      process.stdout.write(JSON.stringify({
        bundled,
        exitCode: result.exitCode,
        // files of the package's dist/ that Node loaded itself: only the entry registered by the bundle
        loadedFromDist: Object.keys(require.cache).filter((f) => f.startsWith(apiDir)).map((f) => require("node:path").relative(apiDir, f)),
        sameAsRegistered: api === require.cache[adapterRequire.resolve("@tsdbt/adapter-api")].exports,
        hasAdapterError: typeof api.AdapterError,
      }));
    });`;
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" })) as Record<string, unknown>;
  fs.rmSync(dir, { recursive: true, force: true });
  expect(out).toEqual({ bundled: true, exitCode: 0, loadedFromDist: ["index.js"], sameAsRegistered: true, hasAdapterError: "function" });
});
