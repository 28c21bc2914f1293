import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";
import { indexManifest } from "./execution-scope";
import { INLINE_FILE, NodeCompiler } from "./node-compiler";
import { POSTGRES_PROFILE } from "./__fixtures__/compile-fixture";

/**
 * What `compile` gives for the names a template reaches (ref to a snapshot, source, graph,
 * config.get, an ephemeral's is_incremental() under an incremental model, --empty, --inline) and
 * for generic test arguments of every shape, with the manifest entries it fills in. expected/ holds
 * what dbt-core 1.10.23 (dbt-postgres) wrote with `dbt compile` (the project's target-path is
 * build/out, after `dbt run -s base inc` so that inc compiles as an incremental run), `dbt compile
 * --empty -s empty_reads uses_snapshot` (expected/empty) and `dbt compile --inline` (inline.sql);
 * manifest-facts.json is taken from its manifest.json.
 */
const FIXTURE = path.join(__dirname, "__fixtures__/compile-scope");
const expected = (file: string) => fs.readFileSync(path.join(FIXTURE, "expected", file), "utf8");

/** Temp copies made by the running test, removed after it. */
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the fixture, parsed: each test compiles its own, so a compile failure fails that test alone. */
async function parseCopy(): Promise<{ dir: string; parsed: ParsedProject }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-compile-scope-"));
  copies.push(dir);
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}expected`) });
  fs.writeFileSync(path.join(dir, "profiles.yml"), POSTGRES_PROFILE.replace("lead_eph", "cj_scope"));
  return { dir, parsed: await parseProject({ projectDir: dir, profilesDir: dir, env: {} }) };
}

/** Every file under `root`, relative to it. */
const filesUnder = (root: string): string[] =>
  fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort() : [];

describe("compile", () => {
  it("writes dbt's compiled files (models, tests, the project's hooks; no seed or snapshot) under the target path", async () => {
    const { dir, parsed } = await parseCopy();
    await compileProject(parsed, { hooks: true });
    const written = path.join(dir, "build/out/compiled/eph");
    const mine = filesUnder(written).filter((f) => f !== "models/inc.sql");
    expect(mine).toEqual(filesUnder(path.join(FIXTURE, "expected")).filter((f) => f.startsWith("models/") && f !== "models/inc.sql" || f.startsWith("dbt_project.yml/")));
    for (const file of mine) expect({ file, sql: fs.readFileSync(path.join(written, file), "utf8") }).toEqual({ file, sql: expected(file) });
  });

  it("fills in the manifest entries as dbt does: compiled, compiled_path, extra_ctes, a generic test macro's own config() under the YAML config, get_where_subquery among a test's macros (once, compiled again), a model's config() at run time ignored", async () => {
    const { parsed } = await parseCopy();
    await compileProject(parsed, { hooks: true, write: false });
    await compileProject(parsed, { hooks: true, write: false });
    const facts = JSON.parse(expected("manifest-facts.json")) as Record<string, Record<string, unknown>>;
    const ours: Record<string, Record<string, unknown>> = {};
    for (const node of Object.values(parsed.manifest.nodes)) {
      const key = node.resource_type === "test" ? node.unique_id.replace(/\.[0-9a-f]+$/, "") : node.unique_id;
      const entry: Record<string, unknown> = {
        compiled: node.compiled ?? null,
        compiled_path: node.compiled_path ?? null,
        extra_ctes_injected: node.extra_ctes_injected ?? null,
        extra_ctes: node.extra_ctes ?? null,
        depends_on_macros: node.depends_on.macros,
        tags: node.config.tags,
      };
      if (node.resource_type === "test") entry.config = { fail_calc: node.config.fail_calc, severity: node.config.severity };
      if (node.resource_type === "snapshot") entry.compiled_code = node.compiled_code;
      ours[key] = entry;
    }
    expect(ours).toEqual(facts);
  });

  it("compiles an incremental run's model and the ephemeral it reads (not incremental itself) as dbt does", async () => {
    const { parsed } = await parseCopy();
    const compiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true });
    expect(compiler.compile(parsed.manifest.nodes["model.eph.inc"]!, { isIncremental: true }).sql).toBe(expected("models/inc.sql"));
    // and as a first run
    expect(compiler.compile(parsed.manifest.nodes["model.eph.inc"]!).sql).toBe(expected("models/inc.sql").replace(/ where id > .*$/, ""));
  });

  it("with --empty reads refs (a snapshot's too) and sources as zero-row subqueries", async () => {
    const { parsed } = await parseCopy();
    await compileProject(parsed, { selected: ["model.eph.empty_reads", "model.eph.uses_snapshot"], empty: true, write: false });
    expect(parsed.manifest.nodes["model.eph.empty_reads"]!.compiled_code).toBe(expected("empty/empty_reads.sql"));
    expect(parsed.manifest.nodes["model.eph.uses_snapshot"]!.compiled_code).toBe(expected("empty/uses_snapshot.sql"));
  });

  it("renders --inline SQL as dbt's inline_query operation in the target's schema", async () => {
    const { parsed } = await parseCopy();
    const compiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true });
    expect(compiler.renderText("select '{{ this }}' as t, '{{ model.unique_id }}' as id, '{{ this.identifier }}' as i", null, INLINE_FILE)).toBe(expected("inline.sql"));
  });
});
