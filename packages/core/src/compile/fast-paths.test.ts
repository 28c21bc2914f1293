import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestJson } from "../manifest/write-manifest";
import { parseProject, TEMPLATE_CACHE_FILE } from "../parse/parse-project";
import { compileProject } from "./compile-project";
import { indexManifest } from "./execution-scope";
import { NodeCompiler } from "./node-compiler";

const GENERATOR = path.resolve(__dirname, "../../../../test/support/generate-project.mjs");
const EXAMPLE = path.resolve(__dirname, "../../../../example-project");

/** A manifest as JSON without what differs between two parses (timestamps, invocation id). */
const normalisedManifest = (manifest: Parameters<typeof manifestJson>[0]) =>
  manifestJson(manifest).replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");

/** Every node's compiled SQL, plus incremental models compiled as incremental runs see them. */
async function compiledCode(projectDir: string, profilesDir: string, fullRender: boolean, templateCodeCache = false): Promise<Record<string, string | null | undefined>> {
  const parsed = await parseProject({ projectDir, profilesDir, env: {}, fullRender, templateCodeCache });
  await compileProject(parsed, { write: false, fullRender });
  const compiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true, fullRender });
  const out: Record<string, string | null | undefined> = {};
  for (const n of Object.values(parsed.manifest.nodes)) {
    out[n.unique_id] = n.compiled_code;
    if (n.config.materialized === "incremental") out[`${n.unique_id} (incremental)`] = compiler.compile(n, { isIncremental: true }).sql;
    out[`${n.unique_id} depends_on`] = n.depends_on.nodes.join(",");
    out[`${n.unique_id} macros`] = n.depends_on.macros.join(",");
    out[`${n.unique_id} config`] = JSON.stringify(n.config);
  }
  // and the whole manifest, compiled SQL included, apart from timestamps and the invocation id
  out.manifest = normalisedManifest(parsed.manifest);
  return out;
}

describe("compile fast paths", () => {
  it("give byte-identical SQL to a full render on a generated project", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-fast-")), "gen");
    execFileSync(process.execPath, [GENERATOR, "--models", "300", "--out", dir, "--flavor", "dbt", "--seed", "11"], { stdio: "ignore" });
    const fast = await compiledCode(dir, dir, false);
    const full = await compiledCode(dir, dir, true);
    expect(Object.keys(fast).filter((k) => k.endsWith("(incremental)")).length).toBe(30);
    expect(fast).toEqual(full);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("give a byte-identical manifest to a full render when template code comes from the template code cache", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-fast-")), "example");
    fs.cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/[\\/](target|logs)$/.test(src) && !src.endsWith(".duckdb") });
    const cacheFile = path.join(dir, "target", TEMPLATE_CACHE_FILE);
    const fullParse = await parseProject({ projectDir: dir, profilesDir: dir, env: {}, fullRender: true, templateCodeCache: true });
    expect(fs.existsSync(cacheFile)).toBe(false); // a full render bypasses the cache
    // the cache is read by a new process (within one, compiled templates are shared in memory): two
    // child processes on the built packages, the first writing the file, the second reading it
    const script = `
      const { parseProject } = require(${JSON.stringify(path.resolve(__dirname, "../../dist/parse/parse-project.js"))});
      const { manifestJson } = require(${JSON.stringify(path.resolve(__dirname, "../../dist/manifest/write-manifest.js"))});
      parseProject({ projectDir: ${JSON.stringify(dir)}, profilesDir: ${JSON.stringify(dir)}, env: {}, templateCodeCache: true }).then((p) => {
        process.stdout.write(JSON.stringify({ cache: p.stats.templateCache, manifest: manifestJson(p.manifest) }));
      });`;
    const child = () => JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", maxBuffer: 1 << 28 })) as { cache: { hits: number; misses: number }; manifest: string };
    expect(child().cache.hits).toBe(0);
    const entries = Object.keys((JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { index: object }).index).length;
    const second = child();
    expect(second.cache.hits).toBe(entries);
    expect(second.cache.hits).toBeGreaterThan(5);
    expect(second.cache.misses).toBe(0);
    const normalise = (json: string) => json.replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");
    expect(normalise(second.manifest)).toBe(normalisedManifest(fullParse.manifest));
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("give byte-identical SQL to a full render on the example project", async () => {
    expect(await compiledCode(EXAMPLE, EXAMPLE, false)).toEqual(await compiledCode(EXAMPLE, EXAMPLE, true));
  });

});
