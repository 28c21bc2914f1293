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
});
