import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiagnosticError } from "../diagnostics/diagnostic";
import { compileProject } from "../compile/compile-project";
import { parseProject } from "./parse-project";

/** A project with a versioned model; expected values below are what dbt-core 1.10 wrote for it on PostgreSQL. */
function writeProject(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-versions-"));
  const base: Record<string, string> = {
    "dbt_project.yml": "name: ver\nprofile: ver\nmodels:\n  ver:\n    +materialized: view\n",
    "profiles.yml": "ver:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/ver.duckdb\n      schema: ver\n",
    "models/dim_customers.sql": "select 1 as customer_id, 'a' as name, 'x' as country\n",
    "models/dim_customers_v1.sql": "select 1 as customer_id, 'a' as name\n",
    "models/orders.sql": "select * from {{ ref('dim_customers') }} join {{ ref('dim_customers', v=1) }} using (customer_id)\nunion all select * from {{ ref('dim_customers', version=2) }}\n",
    "models/schema.yml": [
      "models:",
      "  - name: dim_customers",
      "    latest_version: 2",
      '    description: "customers"',
      "    config:",
      "      tags: [top]",
      "    columns:",
      "      - name: customer_id",
      "        data_tests: [not_null, unique]",
      "      - name: name",
      "        description: the name",
      "      - name: country",
      "    versions:",
      "      - v: 1",
      "        config:",
      "          alias: old_customers",
      "        columns:",
      "          - include: all",
      "            exclude: [country]",
      "      - v: 2",
      "        defined_in: dim_customers",
      "        columns:",
      '          - include: "*"',
      "          - name: country",
      "            data_tests: [not_null]",
      "",
    ].join("\n"),
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("model versions", () => {
  it("builds one node per version, named, aliased and tested as dbt-core does", async () => {
    const parsed = await parseProject({ projectDir: writeProject(), env: {} });
    const nodes = parsed.manifest.nodes;
    const v1 = nodes["model.ver.dim_customers.v1"];
    const v2 = nodes["model.ver.dim_customers.v2"];
    expect(nodes["model.ver.dim_customers"]).toBeUndefined();
    expect([v1.name, v1.version, v1.latest_version, v1.alias, v1.original_file_path, v1.fqn]).toEqual(["dim_customers", 1, 2, "old_customers", "models/dim_customers_v1.sql", ["ver", "dim_customers", "v1"]]);
    expect([v2.name, v2.version, v2.latest_version, v2.alias, v2.original_file_path, v2.fqn]).toEqual(["dim_customers", 2, 2, "dim_customers_v2", "models/dim_customers.sql", ["ver", "dim_customers", "v2"]]);
    expect(Object.keys(v1.columns)).toEqual(["customer_id", "name"]);
    expect(Object.keys(v2.columns)).toEqual(["customer_id", "name", "country"]);
    expect(v1.columns.name.description).toBe("the name");
    // dbt-core 1.10's column shape, key for key
    expect(Object.keys(v1.columns.name)).toEqual(["name", "description", "meta", "data_type", "constraints", "quote", "config", "tags", "granularity", "doc_blocks"]);
    expect([v1.description, v1.tags, v1.primary_key]).toEqual(["customers", ["top"], ["customer_id"]]);
    expect(nodes["model.ver.orders"].version).toBeNull();
    expect(nodes["model.ver.orders"].depends_on.nodes).toEqual(["model.ver.dim_customers.v2", "model.ver.dim_customers.v1"]);
    const tests = Object.values(nodes).filter((n) => n.resource_type === "test").map((n) => `${n.unique_id} -> ${n.attached_node}`).sort();
    expect(tests).toEqual([
      "test.ver.not_null_dim_customers_v1_customer_id.45feedb0d1 -> model.ver.dim_customers.v1",
      "test.ver.not_null_dim_customers_v2_country.72575230fb -> model.ver.dim_customers.v2",
      "test.ver.not_null_dim_customers_v2_customer_id.7df2e38f8c -> model.ver.dim_customers.v2",
      "test.ver.unique_dim_customers_v1_customer_id.cea60a0517 -> model.ver.dim_customers.v1",
      "test.ver.unique_dim_customers_v2_customer_id.f52bb79f08 -> model.ver.dim_customers.v2",
    ]);
    await compileProject(parsed, { write: false });
    expect(nodes["model.ver.orders"].compiled_code).toBe(
      'select * from "ver"."ver"."dim_customers_v2" join "ver"."ver"."old_customers" using (customer_id)\nunion all select * from "ver"."ver"."dim_customers_v2"',
    );
  });

  it("reads the latest version from the unversioned file when it has no file of its own", async () => {
    const schema = fs.readFileSync(path.join(writeProject(), "models/schema.yml"), "utf8").replace("        defined_in: dim_customers\n", "");
    const parsed = await parseProject({ projectDir: writeProject({ "models/schema.yml": schema }), env: {} });
    expect(parsed.manifest.nodes["model.ver.dim_customers.v2"].original_file_path).toBe("models/dim_customers.sql");
    expect(parsed.manifest.nodes["model.ver.dim_customers"]).toBeUndefined();
  });

  it("refuses a ref to a version that does not exist (dbt-core: 'depends on a node named … with version')", async () => {
    const dir = writeProject({ "models/orders.sql": "select * from {{ ref('dim_customers', v=3) }}\n" });
    const error = await parseProject({ projectDir: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    const [d] = (error as DiagnosticError).diagnostics;
    expect([d.code, d.file, d.line]).toEqual(["TSDBT-E012", "models/orders.sql", 1]);
    expect(d.message).toContain("(version 3)");
  });

  it("lists the docs blocks each description uses in doc_blocks, per version and per column (as dbt-core 1.10)", async () => {
    const base = fs.readFileSync(path.join(writeProject(), "models/schema.yml"), "utf8");
    const schema = base
      .replace('description: "customers"', "description: \"{{ doc('cust') }} and more\"")
      .replace("      - name: customer_id\n", "      - name: customer_id\n        description: \"{{ doc('idd') }}\"\n");
    const dir = writeProject({ "models/schema.yml": schema, "models/docs.md": "{% docs cust %}The customers.{% enddocs %}\n{% docs idd %}An id.{% enddocs %}\n" });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    for (const v of ["v1", "v2"]) {
      const node = manifest.nodes[`model.ver.dim_customers.${v}`];
      expect([node.description, node.doc_blocks]).toEqual(["The customers. and more", ["doc.ver.cust"]]);
      expect([node.columns.customer_id.description, node.columns.customer_id.doc_blocks, node.columns.name.doc_blocks]).toEqual(["An id.", ["doc.ver.idd"], []]);
    }
    expect(manifest.nodes["model.ver.orders"].doc_blocks).toEqual([]);
  });
});
