/**
 * manifest.json as real dbt-core 1.10 writes it for the same project (test/fixtures/manifest-oracle,
 * golden file oracle.json recorded by record-oracle.mjs there with `dbt parse`): every node's,
 * source's and disabled entry's keys in dbt's order (no `config_call_dict`), the checksum of the
 * file's text without its edge whitespace, `unrendered_config` with dbt_project.yml's values as
 * written and each layer replacing keys whole, a data test's config text rendered (`where`,
 * `severity`, `alias`), disabled source tables under `disabled`, a seed's `root_path`, and the key
 * order of macros and docs blocks (name first) with a macro's description rendered.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const FIXTURE = path.join(__dirname, "fixtures", "manifest-oracle");
const CONFIG_KEYS = ["enabled", "tags", "meta", "materialized", "schema", "alias", "severity", "where", "limit", "column_types", "pre-hook", "post-hook", "loaded_at_field"];

type Entry = Record<string, unknown> & { checksum?: unknown; config?: Record<string, unknown>; unrendered_config?: unknown; root_path?: string };
interface Golden {
  nodes: Record<string, unknown>;
  sources: Record<string, unknown>;
  disabled: Record<string, unknown[]>;
  macroKeys: string[];
  macro: Record<string, unknown>;
  doc: Record<string, unknown>;
}

const golden = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.json"), "utf8")) as Golden;
let manifest: { nodes: Record<string, Entry>; sources: Record<string, Entry>; disabled: Record<string, Entry[]>; macros: Record<string, Entry>; docs: Record<string, Entry> };
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-manifest-oracle-"));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  // the oracle's target; parse connects to nothing
  fs.writeFileSync(path.join(dir, "profiles.yml"), "mo:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n      port: 5432\n      user: postgres\n      password: \"\"\n      dbname: test\n      schema: mo\n      threads: 1\n");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const run = await invoke(["parse", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined, env: { ...process.env, TSDBT_MO_UNSET: undefined } });
  expect(run.exitCode).toBe(0);
  manifest = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8"));
}, 60000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The fields record-oracle.mjs keeps of an entry. */
function fact(n: Entry): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      keys: Object.keys(n),
      checksum: n.checksum ?? null,
      config: Object.fromEntries(CONFIG_KEYS.filter((k) => n.config && k in n.config).map((k) => [k, n.config![k]])),
      unrendered_config: n.unrendered_config,
      relation_name: n.relation_name ?? null,
      tags: n.tags,
      raw_code: n.raw_code ?? null,
      root_path: n.root_path === undefined ? undefined : n.root_path === dir ? "<project>" : n.root_path,
    }),
  ) as Record<string, unknown>;
}
const byId = (section: Record<string, Entry>) => Object.fromEntries(Object.entries(section).map(([id, n]) => [id, fact(n)]));

describe("manifest.json, as dbt-core 1.10 writes it", () => {
  it("has the same nodes, field by field", () => {
    const actual = byId(manifest.nodes);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(golden.nodes));
    for (const id of Object.keys(golden.nodes)) expect([id, actual[id]]).toEqual([id, golden.nodes[id]]);
  });

  it("has the same sources, with their unrendered_config", () => {
    expect(byId(manifest.sources)).toEqual(golden.sources);
  });

  it("files disabled models and source tables under disabled", () => {
    const actual = Object.fromEntries(Object.entries(manifest.disabled).map(([id, list]) => [id, list.map(fact)]));
    expect(Object.keys(actual)).toEqual(Object.keys(golden.disabled));
    expect(actual).toEqual(golden.disabled);
  });

  it("writes macros and docs blocks with dbt's keys in dbt's order, a macro's description rendered", () => {
    const { created_at: _clock, ...macro } = manifest.macros["macro.mo.mo_macro"]!;
    expect(Object.keys(manifest.macros["macro.mo.mo_macro"]!)).toEqual(golden.macroKeys);
    expect(macro).toEqual(golden.macro);
    expect(manifest.docs["doc.mo.my_doc"]).toEqual(golden.doc);
    expect(Object.keys(manifest.docs["doc.mo.my_doc"]!)).toEqual(Object.keys(golden.doc));
  });

  it("writes dbt's metadata: project_id (md5 of the name), no usage tracking, the quoting policy", () => {
    // dbt-core 1.10.23 for this project with DBT_SEND_ANONYMOUS_USAGE_STATS=false
    const { metadata } = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8"));
    expect({ project_id: metadata.project_id, user_id: metadata.user_id, send_anonymous_usage_stats: metadata.send_anonymous_usage_stats, quoting: metadata.quoting }).toEqual({
      project_id: "27c9d5187cd283f8d160ec1ed2b5ac89",
      user_id: null,
      send_anonymous_usage_stats: false,
      quoting: { database: true, schema: true, identifier: true, column: null },
    });
    expect(Object.keys(metadata).slice(-6)).toEqual(["project_name", "project_id", "user_id", "send_anonymous_usage_stats", "adapter_type", "quoting"]);
  });

  it("writes when the invocation started, as dbt does", async () => {
    // dbt-core 1.10.23: after invocation_id, UTC with six fractional digits and Z
    // ("invocation_started_at": "2026-12-06T14:28:23.838456Z"); a partial parse keeps the value of the
    // invocation that parsed the project, written by Python's isoformat() ("2026-12-06T14:28:23.838456+00:00")
    const before = Date.now();
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-manifest-started-"));
    fs.cpSync(dir, other, { recursive: true, filter: (src) => !/[\\/]target$/.test(src) });
    const parse = async () => {
      expect((await invoke(["parse", "--project-dir", other, "--profiles-dir", other], { cwd: other, write: () => undefined })).exitCode).toBe(0);
      return JSON.parse(fs.readFileSync(path.join(other, "target", "manifest.json"), "utf8")).metadata as Record<string, string>;
    };
    const full = await parse();
    expect(Object.keys(full).slice(0, 6)).toEqual(["dbt_schema_version", "dbt_version", "generated_at", "invocation_id", "invocation_started_at", "env"]);
    expect(full.invocation_started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const started = Date.parse(full.invocation_started_at);
    expect(started).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(started).toBeLessThanOrEqual(Date.parse(full.generated_at));
    const partial = await parse();
    expect(partial.invocation_id).not.toBe(full.invocation_id);
    const seconds = full.invocation_started_at.slice(0, 19);
    const fraction = full.invocation_started_at.slice(20, 26);
    expect(partial.invocation_started_at).toBe(`${seconds}${fraction === "000000" ? "" : `.${fraction}`}+00:00`);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it("puts the project's quoting over the adapter's in the metadata, as dbt does", async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-manifest-quoting-"));
    try {
      fs.cpSync(dir, other, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
      fs.appendFileSync(path.join(other, "dbt_project.yml"), "\nquoting:\n  database: false\n");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { invoke } = require("tsdbt") as typeof import("tsdbt");
      const run = await invoke(["parse", "--project-dir", other, "--profiles-dir", other], { cwd: other, write: () => undefined, env: { ...process.env, TSDBT_MO_UNSET: undefined } });
      expect(run.exitCode).toBe(0);
      // dbt-core 1.10.23 with `quoting: {database: false}`
      expect(JSON.parse(fs.readFileSync(path.join(other, "target", "manifest.json"), "utf8")).metadata.quoting).toEqual({ database: false, schema: true, identifier: true, column: null });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }, 60000);
});
