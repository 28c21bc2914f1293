import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestJson, writeManifestWithLayout } from "../../manifest/write-manifest";
import { parseProject } from "../parse-project";
import { buildParseState, saveParse, writeParseState } from "./parse-state";
import { compileProject } from "../../compile/compile-project";
import { loadPartialParse, tryPartialParse } from "./partial-parse";

const GENERATOR = path.resolve(__dirname, "../../../../../test/support/generate-project.mjs");
const EXAMPLE = path.resolve(__dirname, "../../../../../example-project");

/** What differs between any two parses: timestamps and the invocation id. */
function normalised(manifest: string): string {
  return manifest.replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");
}

describe("partial parse on a generated project", () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-partial-")), "gen");
    execFileSync(process.execPath, [GENERATOR, "--models", "300", "--out", dir, "--flavor", "dbt", "--seed", "11"], { stdio: "ignore" });
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("writes the manifest of a full, uncached render after edits to staging, intermediate, incremental and mart models", async () => {
    const options = { projectDir: dir, profilesDir: dir, env: {} };
    const first = await parseProject(options);
    const { file, layout } = writeManifestWithLayout(first.targetPath, first.manifest);
    writeParseState(first.targetPath, buildParseState(first, file, layout));

    const models = Object.values(first.manifest.nodes).filter((n) => n.resource_type === "model");
    const staging = models.filter((n) => n.name.startsWith("stg_"));
    const edited = [
      ...models.filter((_, i) => i % 37 === 5),
      models.find((n) => n.config.materialized === "incremental")!,
      models.find((n) => n.depends_on.macros.some((m) => m === "macro.tsdbt_bench.clean_status"))!,
    ];
    for (const n of new Set(edited)) {
      const abs = path.join(dir, n.original_file_path);
      const sql = fs.readFileSync(abs, "utf8");
      // new text, and for models downstream of staging a new dependency and a config() call
      const extra = n.name.startsWith("stg_") ? "\n-- edited\n" : `\n-- also reads {{ ref('${staging[0].name}') }}\n{{ config(tags=['edited']) }}\n`;
      fs.writeFileSync(abs, sql + extra);
    }

    const partial = await tryPartialParse(options);
    expect(partial.reused).toBe(true);
    expect(partial.reused && partial.changedFiles.length).toBe(new Set(edited).size);
    const full = await parseProject({ ...options, fullRender: true });
    expect(normalised(fs.readFileSync(file, "utf8"))).toBe(normalised(manifestJson(full.manifest)));
  });

  it("gives compile the in-memory manifest and compiled SQL of a full, uncached parse", async () => {
    const options = { projectDir: dir, profilesDir: dir, env: {} };
    const models = Object.values((await parseProject(options)).manifest.nodes).filter((n) => n.resource_type === "model");
    for (const n of models.filter((_, i) => i % 50 === 7)) fs.appendFileSync(path.join(dir, n.original_file_path), "\n-- edited again\n");
    const partial = await loadPartialParse(options);
    expect(partial.reused).toBe(true);
    if (!partial.reused) return;
    const full = await parseProject({ ...options, fullRender: true });
    const varying = new Set(["created_at", "generated_at", "invocation_id", "invocation_started_at"]);
    const plain = (m: unknown) => JSON.parse(JSON.stringify(m), (k, v) => (varying.has(k) ? undefined : v));
    expect(plain(partial.parsed.manifest)).toEqual(plain(full.manifest));
    expect(partial.parsed.graph.toParentChildMaps()).toEqual(full.graph.toParentChildMaps());
    await compileProject(partial.parsed, { write: false });
    await compileProject(full, { write: false, fullRender: true });
    const compiled = (m: typeof full.manifest) => Object.fromEntries(Object.values(m.nodes).map((n) => [n.unique_id, n.compiled_code]));
    expect(compiled(partial.parsed.manifest)).toEqual(compiled(full.manifest));
  });

  it("does the same on the example project (seeds, ephemeral and incremental models, docs blocks)", async () => {
    const copy = path.join(path.dirname(dir), "example");
    fs.cpSync(EXAMPLE, copy, { recursive: true, filter: (src) => !/[\\/](target|logs)$/.test(src) });
    const options = { projectDir: copy, profilesDir: copy, env: {} };
    saveParse(await parseProject(options));
    fs.appendFileSync(path.join(copy, "models/marts/fct_orders.sql"), "\n-- edited\n");
    const partial = await loadPartialParse(options);
    expect(partial.reused && partial.changedFiles).toEqual(["models/marts/fct_orders.sql"]);
    if (!partial.reused) return;
    const full = await parseProject({ ...options, fullRender: true });
    const varying = new Set(["created_at", "generated_at", "invocation_id", "invocation_started_at"]);
    const plain = (m: unknown) => JSON.parse(JSON.stringify(m), (k, v) => (varying.has(k) ? undefined : v));
    expect(plain(partial.parsed.manifest)).toEqual(plain(full.manifest));
  });
});
