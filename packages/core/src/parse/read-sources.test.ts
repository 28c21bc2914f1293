import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

describe("sources in manifest.json (dbt-core 1.10.23 oracle)", () => {
  it("merge freshness, meta, tags and config as dbt does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-sources-"));
    const files: Record<string, string> = {
      "dbt_project.yml": "name: mini\nprofile: mini\n",
      "profiles.yml": "mini:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/mini.duckdb\n      schema: main\n",
      "models/sources.yml": [
        "version: 2",
        "sources:",
        "  - name: q",
        "    schema: public",
        "    tags: [zeta, s1]",
        "    meta: {a: 1}",
        "    loaded_at_field: _loaded",
        "    freshness:",
        "      warn_after: {count: 1, period: day}",
        "    config:",
        "      meta: {c: 3}",
        "    tables:",
        "      - name: t1",
        "        tags: [t1]",
        "        meta: {b: 2}",
        "        config:",
        "          tags: [tconf]",
        "      - name: t2",
        "        freshness: null",
        "        loaded_at_field: other",
        "",
      ].join("\n"),
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const t1 = manifest.sources["source.mini.q.t1"];
    const t2 = manifest.sources["source.mini.q.t2"];
    const freshness = { warn_after: { count: 1, period: "day" }, error_after: { count: null, period: null }, filter: null };
    expect(t1.config).toEqual({ enabled: true, event_time: null, freshness, loaded_at_field: "_loaded", loaded_at_query: null, meta: { a: 1, c: 3, b: 2 }, tags: ["s1", "t1", "tconf", "zeta"] });
    expect([t1.freshness, t1.meta, t1.source_meta, t1.tags]).toEqual([freshness, { a: 1, c: 3, b: 2 }, { a: 1, c: 3 }, ["s1", "t1", "tconf", "zeta"]]);
    expect(t2.config).toEqual({ enabled: true, event_time: null, freshness: null, loaded_at_field: "other", loaded_at_query: null, meta: { a: 1, c: 3 }, tags: ["s1", "zeta"] });
    expect(t2.freshness).toBeNull();
  });
});

describe("dbt_project.yml sources: config, quoting and unrendered names (dbt-core 1.10.23 oracle)", () => {
  it("takes enabled and meta from the project, writes quoting with all four keys and the database and schema as written", async () => {
    const dir = writeMiniProject({
      "dbt_project.yml": "name: mini\nprofile: mini\nsources:\n  mini:\n    +meta: {owner: a}\n    +tags: [zp]\n    s2:\n      t3:\n        +enabled: false\n      +loaded_at_field: proj_ts\n",
      "models/src.yml": [
        "version: 2",
        "sources:",
        "  - name: s1",
        "    schema: public",
        "    tables:",
        "      - name: plain",
        "  - name: s2",
        '    database: "{{ target.database }}"',
        '    schema: "{{ target.schema }}_raw"',
        "    loaded_at_field: updated_at",
        "    quoting:",
        "      identifier: true",
        "    config:",
        "      tags: [st]",
        "      freshness:",
        "        warn_after: {count: 1, period: day}",
        "    tables:",
        "      - name: t2",
        "        identifier: T2",
        "        config:",
        "          meta: {x: 1}",
        "        quoting:",
        "          schema: false",
        "      - name: t3",
        "        loaded_at_field: other_ts",
        "        tags: [tt]",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const expected = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "source-config.oracle.json"), "utf8")) as Record<string, Record<string, unknown>>;
    const fields = ["quoting", "meta", "config", "unrendered_database", "unrendered_schema"];
    const actual = Object.fromEntries(
      Object.values(manifest.sources)
        .sort((a, b) => (a.unique_id < b.unique_id ? -1 : 1))
        .map((s) => [s.unique_id, Object.fromEntries(fields.map((f) => [f, (s as unknown as Record<string, unknown>)[f]]))]),
    );
    // key order matters (config): compare the JSON text
    expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));
  });
});
