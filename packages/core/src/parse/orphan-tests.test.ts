import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";
import { buildGraph } from "../graph/build-graph";

describe("tests on a missing or disabled model (dbt-core 1.10.23 oracle)", () => {
  it("stay in nodes, disabled, with what else they depend on, outside the graph", async () => {
    const dir = writeMiniProject({
      "models/orders.sql": "select 1 as order_id",
      "models/offm.sql": "{{ config(enabled=false) }}\nselect 1 as id",
      "models/missing.yml": [
        "version: 2",
        "models:",
        "  - name: ghost",
        "    data_tests:",
        "      - relationships:",
        "          column_name: id",
        "          to: ref('orders')",
        "          field: order_id",
        "    columns:",
        "      - name: id",
        "        data_tests: [unique]",
        "  - name: offm",
        "    columns:",
        "      - name: id",
        "        data_tests: [not_null]",
        "",
      ].join("\n"),
    });
    const { manifest, diagnostics } = await parseProject({ projectDir: dir, env: {} });
    // ids, enabled, depends_on and attached_node as dbt-core wrote them for the same YAML
    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === "test");
    expect(tests.map((t) => [t.unique_id, t.config.enabled, t.depends_on.nodes, t.attached_node ?? null]).sort()).toEqual([
      ["test.mini.not_null_offm_id.d7e7b04b0c", false, [], "model.mini.offm"],
      ["test.mini.relationships_ghost_id__order_id__ref_orders_.8dce5ee737", false, ["model.mini.orders"], null],
      ["test.mini.unique_ghost_id.6e451fa511", false, [], null],
    ]);
    expect(manifest.child_map["model.mini.orders"]).toEqual(["test.mini.relationships_ghost_id__order_id__ref_orders_.8dce5ee737"]);
    expect(Object.keys(manifest.disabled)).toEqual(["model.mini.offm"]);
    expect(buildGraph(manifest).member("test.mini.unique_ghost_id.6e451fa511")).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain("TSDBT-W010");
  });
});
