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
});
