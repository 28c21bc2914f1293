import { entry, shopEntries } from "../__fixtures__/entries";
import { databaseTree, pathTo, projectTree, visibleRows } from "./tree-model";

describe("tree model", () => {
  const entries = shopEntries();

  it("groups the project by package, kind and folder", () => {
    const roots = projectTree([...entries, entry({ name: "type_string", type: "macro", pkg: "dbt", id: "macro.dbt.type_string", path: "macros/t.sql" })], "shop");
    expect(roots.map((r) => r.label)).toEqual(["shop", "dbt"]);
    const kinds = roots[0].children!.map((c) => `${c.label}:${c.count}`);
    expect(kinds).toEqual(["Data tests:1", "Macros:1", "Models:4", "Sources:1"]);
    const rows = visibleRows(roots, new Set(["p:shop", "p:shop/model", "p:shop/model/marts"]));
    expect(rows.map((r) => `${"  ".repeat(r.depth)}${r.node.label}`)).toEqual(["shop", "  Data tests", "  Macros", "  Models", "    marts", "      orders", "      revenue", "    staging", "  Sources", "dbt"]);
    expect(pathTo(roots, "e:model.shop.revenue")).toEqual(["p:shop", "p:shop/model", "p:shop/model/marts"]);
  });

  it("lists relations by database and schema", () => {
    const roots = databaseTree(entries);
    expect(roots.map((r) => r.label)).toEqual(["db"]);
    expect(roots[0].children![0].children!.map((c) => c.label)).toEqual(["orders", "orders", "revenue", "stg_customers", "stg_orders"]);
  });
});
