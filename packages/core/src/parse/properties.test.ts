import { parseYaml } from "../yaml/parse-yaml";
import { readColumns, readNodePatches, type TestEntry } from "./properties";
import { readSources } from "./read-sources";

describe("readNodePatches", () => {
  // dbt-core 1.10.23 gave model `a` tags [] and meta {a: 1} for this entry, and column `id` tags ['col_tag'].
  it("reads a model's meta but not top-level tags (dbt takes tags from config: only), and a column's tags", () => {
    const parsed = parseYaml("version: 2\nmodels:\n  - name: a\n    tags: [top_level]\n    meta: {a: 1}\n    columns:\n      - name: id\n        tags: [col_tag]\n", "models/schema.yml");
    const [patch] = readNodePatches({ packageName: "p3", parsed }, []);
    expect(patch.tags).toEqual([]);
    expect(patch.meta).toEqual({ a: 1 });
    expect(patch.columns.id.tags).toEqual(["col_tag"]);
  });
});

describe("readSources", () => {
  // dbt-core 1.10.23 wrote tags and config.tags ["a", "b", "c", "m", "z"] for this table.
  it("gives a table the source's and its own tags, top-level and under config:, each once and sorted", () => {
    const parsed = parseYaml("version: 2\nsources:\n  - name: s\n    tags: [z, a]\n    config: {tags: [m]}\n    tables:\n      - name: t1\n        tags: [b, a]\n        config: {tags: [c]}\n", "models/schema.yml");
    const [{ source }] = readSources({ packageName: "p3", parsed }, "test", []);
    expect(source.tags).toEqual(["a", "b", "c", "m", "z"]);
  });
});

describe("column properties as dbt-core 1.10 writes them", () => {
  it("merges meta, lists config tags before top-level ones, and keeps granularity", () => {
    const tests: TestEntry[] = [];
    const columns = readColumns([{ name: "c", meta: { a: 1 }, tags: ["t1"], granularity: "day", config: { meta: { b: 2 }, tags: ["t2"] } }], ["models", 0, "columns"], tests);
    // facts from the oracle's manifest for the same YAML
    expect(columns.c).toEqual({ name: "c", description: "", meta: { a: 1, b: 2 }, data_type: null, constraints: [], quote: null, config: { meta: { a: 1, b: 2 }, tags: ["t2", "t1"] }, tags: ["t2", "t1"], granularity: "day", doc_blocks: [] });
  });
});
