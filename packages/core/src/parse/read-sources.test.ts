import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "./parse-project";

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
