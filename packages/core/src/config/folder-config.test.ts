import { parseYaml } from "../yaml/parse-yaml";
import { resolveFolderConfig } from "./folder-config";
import { mergeConfigs } from "./merge-configs";
import { normaliseHooks } from "./normalise-config";

const tree = parseYaml(
  `
+persist_docs: {relation: true}
shop:
  +materialized: View
  +tags: base
  +meta: {owner: data, tier: 2}
  enabled: true
  staging:
    +materialized: table
    +tags: [staging, base]
    +meta: {tier: 1}
    +pre-hook: "set a = 1"
    stg_orders:
      +alias: orders
      post_hook: ["select 1", {sql: "vacuum", transaction: false}]
  marts:
    schema: marts
other_pkg:
  +materialized: ephemeral
`,
  "dbt_project.yml",
).value as Record<string, unknown>;

describe("resolveFolderConfig", () => {
  it("applies the tree top, the package, each folder and the node's name, most specific last", () => {
    expect(resolveFolderConfig(tree, "shop", ["staging", "stg_orders"])).toEqual({
      persist_docs: { relation: true },
      materialized: "table",
      tags: ["base", "staging"],
      meta: { owner: "data", tier: 1 },
      enabled: true,
      "pre-hook": [{ sql: "set a = 1", transaction: true, index: null }],
      alias: "orders",
      "post-hook": [
        { sql: "select 1", transaction: true, index: null },
        { sql: "vacuum", transaction: false, index: null },
      ],
    });
  });

  it("treats a bare key with a scalar as a config and a bare key with a mapping as a folder", () => {
    const marts = resolveFolderConfig(tree, "shop", ["marts", "orders"]);
    expect(marts).toMatchObject({ materialized: "view", schema: "marts", enabled: true });
    expect(marts).not.toHaveProperty("staging");
  });

  it("keeps packages apart and stops at folders the tree does not name", () => {
    expect(resolveFolderConfig(tree, "other_pkg", ["staging", "x"])).toEqual({ persist_docs: { relation: true }, materialized: "ephemeral" });
    expect(resolveFolderConfig(tree, "shop", ["unknown", "x"]).materialized).toBe("view");
    expect(resolveFolderConfig({}, "shop", ["a"])).toEqual({});
  });
});

describe("mergeConfigs", () => {
  it("accumulates tags and hooks, merges dicts, replaces everything else", () => {
    const merged = mergeConfigs(
      { tags: "a", "pre-hook": "one", meta: { x: 1 }, docs: { show: true }, schema: "s1", materialized: "view" },
      { tags: ["b", "a"], pre_hook: ["two"], meta: { y: 2 }, docs: { node_color: "red" }, schema: "s2" },
    );
    expect(merged).toEqual({
      tags: ["a", "b"],
      "pre-hook": [
        { sql: "one", transaction: true, index: null },
        { sql: "two", transaction: true, index: null },
      ],
      meta: { x: 1, y: 2 },
      docs: { show: true, node_color: "red" },
      schema: "s2",
      materialized: "view",
    });
  });

  it("merges grants by privilege, adding grantees for +privilege", () => {
    const merged = mergeConfigs({ grants: { select: ["a"], insert: "b" } }, { grants: { "+select": ["c"], insert: ["d"] } });
    expect(merged.grants).toEqual({ select: ["a", "c"], insert: ["d"] });
  });

  it("replaces a dict with a later non-dict value", () => {
    expect(mergeConfigs({ meta: { x: 1 } }, { meta: null }).meta).toBeNull();
  });
});

describe("normaliseHooks", () => {
  it("ignores empty hooks and keeps transaction false", () => {
    expect(normaliseHooks(["", { sql: "x", transaction: false }])).toEqual([{ sql: "x", transaction: false, index: null }]);
    expect(normaliseHooks(undefined)).toEqual([]);
  });

  it("reads a hook written as JSON text (what after_commit() gives) as that hook; other text stays SQL", () => {
    expect(normaliseHooks(['\n {"sql": "vacuum t", "transaction": false}\n', '{"not": "a hook"}', "{{ this }}"])).toEqual([
      { sql: "vacuum t", transaction: false, index: null },
      { sql: '{"not": "a hook"}', transaction: true, index: null },
      { sql: "{{ this }}", transaction: true, index: null },
    ]);
  });
});

describe("mergeConfigs, key by key", () => {
  it("post-hooks add up like pre-hooks, duplicates kept; tags drop repeats", () => {
    expect(mergeConfigs({ "post-hook": "grant x", tags: ["a"] }, { post_hook: "grant x", tags: "a" })).toEqual({
      "post-hook": [
        { sql: "grant x", transaction: true, index: null },
        { sql: "grant x", transaction: true, index: null },
      ],
      tags: ["a"],
    });
  });

  it("persist_docs, quoting and column_types merge key by key", () => {
    expect(
      mergeConfigs(
        { persist_docs: { relation: true }, quoting: { identifier: true }, column_types: { id: "bigint" } },
        { persist_docs: { columns: true }, quoting: { schema: false }, column_types: { name: "text" } },
      ),
    ).toEqual({
      persist_docs: { relation: true, columns: true },
      quoting: { identifier: true, schema: false },
      column_types: { id: "bigint", name: "text" },
    });
  });

  it("a key left undefined in a later layer keeps the earlier value; null replaces it", () => {
    expect(mergeConfigs({ schema: "marts", alias: "a", tags: ["x"] }, { schema: undefined, alias: null, tags: undefined })).toEqual({ schema: "marts", alias: null, tags: ["x"] });
  });

  it("keeps keys in the order they first appear (the manifest writes configs in it), one layer's pre_hook and pre-hook together", () => {
    const merged = mergeConfigs({ materialized: " Table ", pre_hook: "a", tags: "x" }, { enabled: true, "pre-hook": "b", pre_hook: "c" });
    expect(Object.keys(merged)).toEqual(["materialized", "pre-hook", "tags", "enabled"]);
    expect(merged.materialized).toBe("table");
    expect((merged["pre-hook"] as { sql: string }[]).map((h) => h.sql)).toEqual(["a", "b", "c"]);
  });

  it("a key named like an Object method is an ordinary config key", () => {
    expect(mergeConfigs({ constructor: "x" }, { toString: "y" })).toEqual({ constructor: "x", toString: "y" });
  });

  it("grants: a single grantee is a list of one, null grants nobody, +privilege with null adds nobody", () => {
    expect(mergeConfigs({ grants: { select: "reporter" } }).grants).toEqual({ select: ["reporter"] });
    expect(mergeConfigs({ grants: { insert: ["a"] } }, { grants: { "+select": "c" } }).grants).toEqual({ insert: ["a"], select: ["c"] });
    expect(mergeConfigs({ grants: { select: ["a"], insert: ["b"] } }, { grants: { "+select": null, insert: null } }).grants).toEqual({ select: ["a"], insert: [] });
  });

  it("materialized is trimmed and lower-cased; tags drop null items", () => {
    expect(mergeConfigs({ materialized: " Table ", tags: ["a", null, 3] }, { tags: null })).toEqual({ materialized: "table", tags: ["a", "3"] });
  });

  it("a '+' key is a config even with a space after the '+'", () => {
    expect(resolveFolderConfig({ "+ materialized": "table" }, "shop", [])).toEqual({ materialized: "table" });
  });
});

describe("normaliseHooks, every way a hook is written", () => {
  it("skips blank strings, mappings without sql, and other values", () => {
    expect(normaliseHooks(["   ", { transaction: false }, 5, null])).toEqual([]);
    expect(normaliseHooks(null)).toEqual([]);
  });

  it("transaction is true unless it is false; a numeric index is kept", () => {
    expect(normaliseHooks([{ sql: "a" }, { sql: "b", transaction: true }, { sql: "c", transaction: false, index: 3 }, { sql: "d", index: "1" }])).toEqual([
      { sql: "a", transaction: true, index: null },
      { sql: "b", transaction: true, index: null },
      { sql: "c", transaction: false, index: 3 },
      { sql: "d", transaction: true, index: null },
    ]);
  });
});
