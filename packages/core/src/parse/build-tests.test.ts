import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

describe("generic tests built from properties files (dbt-core 1.10.23 oracle)", () => {
  it("quote columns and inherit source, table and column tags as dbt does", async () => {
    const dir = writeMiniProject({
      "models/customers.sql": "select 1 as customer_id",
      "models/quoting.yml": [
        "version: 2",
        "sources:",
        "  - name: q",
        "    schema: public",
        "    tags: [zeta, s1]",
        "    quoting:",
        "      column: true",
        "    tables:",
        "      - name: t1",
        "        tags: [t1]",
        "        config:",
        "          tags: [tconf]",
        "        columns:",
        "          - name: a",
        "            tags: [c1]",
        "            data_tests:",
        "              - not_null:",
        "                  config:",
        "                    tags: [own]",
        "          - name: b",
        "            quote: false",
        "            data_tests: [not_null]",
        "models:",
        "  - name: customers",
        "    quote_columns: true",
        "    columns:",
        "      - name: customer_id",
        "        data_tests: [not_null]",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === "test");
    expect(tests.map((t) => [t.unique_id, t.tags, t.config.tags, t.column_name]).sort()).toEqual([
      ["test.mini.not_null_customers__customer_id_.2f022b7290", [], [], '"customer_id"'],
      ["test.mini.source_not_null_q_t1__a_.f677f35cef", ["c1", "own", "s1", "t1", "zeta"], ["own"], '"a"'],
      ["test.mini.source_not_null_q_t1_b.3a57c52e30", ["s1", "t1", "zeta"], [], "b"],
    ]);
    expect(manifest.sources["source.mini.q.t1"].tags).toEqual(["s1", "t1", "tconf", "zeta"]);
  });

  it("decode the escapes of the test's own text config as its config() call does, except for not_null and unique", async () => {
    const dir = writeMiniProject({
      "models/m.sql": "select 1 as id",
      "models/schema.yml": [
        "version: 2",
        "models:",
        "  - name: m",
        "    columns:",
        "      - name: id",
        "        data_tests:",
        "          - not_null:",
        "              config:",
        "                where: 'id <> ''a\\nb'' and 1=1'",
        "                meta: {k: 'x\\ty'}",
        "                tags: ['t\\x41']",
        "          - accepted_values:",
        "              values: [1]",
        "              config:",
        "                where: \"id <> 'c\\\\td'\"",
        "                alias: 'al\\u0041s'",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const byName = Object.fromEntries(Object.values(manifest.nodes).filter((n) => n.resource_type === "test").map((n) => [n.name, n]));
    // dbt-core 1.10.23's manifest for the same file
    const shortcut = byName["not_null_m_id"];
    expect([shortcut.config.where, shortcut.config.meta, shortcut.config.tags, shortcut.alias]).toEqual(["id <> 'a\\nb' and 1=1", { k: "x\\ty" }, ["t\\x41"], "not_null_m_id"]);
    const rendered = byName["accepted_values_m_id__1"];
    expect([rendered.config.where, rendered.config.alias, rendered.alias, rendered.unrendered_config]).toEqual(["id <> 'c\td'", "alAs", "alAs", { where: "id <> 'c\td'", alias: "alAs" }]);
    expect(rendered.raw_code).toBe(`{{ test_accepted_values(**_dbt_generic_test_kwargs) }}{{ config(where="id <> 'c\\td'",alias="al\\u0041s") }}`);
  });

  it("write the test's own config into its raw code and keep dbt's ref order", async () => {
    const dir = writeMiniProject({
      "models/orders.sql": "select 1 as order_id, 1 as customer_id, 'a' as status",
      "models/customers.sql": "select 1 as customer_id",
      "models/schema.yml": [
        "version: 2",
        "models:",
        "  - name: orders",
        "    columns:",
        "      - name: order_id",
        "        data_tests:",
        "          - unique:",
        "              config:",
        "                tags: [t1]",
        "      - name: customer_id",
        "        data_tests:",
        "          - relationships:",
        "              arguments:",
        "                to: ref('customers')",
        "                field: customer_id",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    // raw_code and refs as dbt-core wrote them for the same YAML
    expect(manifest.nodes["test.mini.unique_orders_order_id.fed79b3a6e"].raw_code).toBe("{{ test_unique(**_dbt_generic_test_kwargs) }}{{ config(tags=['t1']) }}");
    const rel = manifest.nodes["test.mini.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2"];
    expect(rel.refs.map((r) => r.name)).toEqual(["customers", "orders"]);
    expect(rel.depends_on.macros).toEqual(["macro.dbt.test_relationships", "macro.dbt.get_where_subquery"]);
    expect(rel.attached_node).toBe("model.mini.orders");
    expect(rel.file_key_name).toBe("models.orders");
    // dbt's TestConfig keys, in its order
    expect(Object.keys(rel.config)).toEqual(["enabled", "alias", "schema", "database", "tags", "meta", "group", "materialized", "severity", "store_failures", "store_failures_as", "where", "limit", "fail_calc", "warn_if", "error_if"]);
  });

  it("give a long-named test a hashed alias, in its config, unrendered config and raw code", async () => {
    const dir = writeMiniProject({
      "models/customers.sql": "select 1 as customer_id",
      "models/long.yml": [
        "version: 2",
        "models:",
        "  - name: customers",
        "    columns:",
        "      - name: customer_id",
        "        data_tests:",
        "          - accepted_values:",
        "              arguments:",
        "                values: [aaaaaaaaaa, bbbbbbbbbbbb, cccccccccccc, dddddddddddd, eeeeeeeeeeeee]",
        "              config:",
        "                severity: warn",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const t = manifest.nodes["test.mini.accepted_values_customers_customer_id__aaaaaaaaaa__bbbbbbbbbbbb__cccccccccccc__dddddddddddd__eeeeeeeeeeeee.35f6f2f58d"];
    const alias = "accepted_values_customers_192403f470dc5062d46338e45214d6e3";
    expect([t.alias, t.config.alias, t.config.severity, t.path]).toEqual([alias, alias, "warn", `${alias}.sql`]);
    expect(t.unrendered_config).toEqual({ severity: "warn", alias });
    expect(t.raw_code).toBe(`{{ test_accepted_values(**_dbt_generic_test_kwargs) }}{{ config(severity="warn",alias="${alias}") }}`);
  });
});
