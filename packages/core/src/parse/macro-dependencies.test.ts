import * as fs from "node:fs";
import * as path from "node:path";
import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";
import { buildGraph } from "../graph/build-graph";
import { selectNodes } from "../selection/select-nodes";
import { compileProject } from "../compile/compile-project";

/** What dbt-core 1.10.23 wrote in depends_on.macros for the project below (dbt parse, PostgreSQL). */
const ORACLE = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "macro-dependencies.oracle.json"), "utf8")) as {
  nodes: Record<string, string[]>;
  macros: Record<string, string[]>;
  /** The nodes' after dbt compile. */
  compiledNodes: Record<string, string[]>;
};

const MACROS = [
  "{% macro probe() %}{% if is_incremental() %}inc{% endif %}{{ should_full_refresh() }}{{ should_store_failures() }}{% endmacro %}",
  "{% macro disp(x) %}{{ return(adapter.dispatch('disp', 'mini')(x)) }}{% endmacro %}",
  "{% macro default__disp(x) %}{{ x }}{% endmacro %}",
  "{% macro outer() %}{{ dbt.current_timestamp() }}{{ mini.probe() }}{% do exceptions.warn('x') %}{{ inner() if run_query('select 1') }}{% set q = [1] %}{{ q.append(2) }}{{ nowhere.star() if false }}{% call statement('s') %}select {{ disp(1) }}{% endcall %}{% endmacro %}",
  "{% macro inner() %}{{ log(var('x', 1)) }}{% if false %}{{ inner() }}{% endif %}1{% endmacro %}",
  "{% macro by_keywords() %}{{ adapter.dispatch(macro_name='disp', macro_namespace='mini')(1) }}{% for i in range(3) if probe() %}{{ inner() }}{% endfor %}{{ outer() if by_keywords is defined }}{% endmacro %}",
  "",
].join("\n");

const FILES = {
  "macros/probe.sql": MACROS,
  "models/m1.sql": "select {{ probe() }} as a, {{ disp(1) }} as b, '{{ is_incremental() }}' as c, 1 as id\n",
  "models/m2.sql": "select * from {{ ref('m1') }}\n",
  "models/m3.sql": "{% set f = outer %}\nselect {{ adapter.dispatch('disp', 'mini')(2) }} as x, {{ dbt.current_timestamp() }} as t\n",
  "tests/sing.sql": "select * from {{ ref('m1') }} where {{ inner() if false }} {{ disp(0) }} = 0\n",
  "tests/generic/my_test.sql": "{% test my_test(model, column_name) %}select * from {{ model }} where {{ column_name }} is null and {{ inner() }} = 1{% endtest %}\n",
  "models/schema.yml": "version: 2\nmodels:\n  - name: m1\n    columns:\n      - name: id\n        data_tests: [unique, my_test]\n",
};

describe("depends_on.macros (dbt-core 1.10.23 oracle)", () => {
  it("a node lists the macros its own template calls, in the order first called; a macro lists the macros its body names", async () => {
    const { manifest } = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    const nodes = Object.fromEntries(Object.values(manifest.nodes).map((n) => [n.unique_id, n.depends_on.macros]));
    expect(nodes).toEqual(ORACLE.nodes);
    const macros = Object.fromEntries(Object.values(manifest.macros).filter((m) => m.package_name === "mini").map((m) => [m.unique_id, m.depends_on.macros]));
    expect(macros).toEqual(ORACLE.macros);
  });

  it("compiling a generic test adds get_where_subquery, which its template calls for the tested model", async () => {
    const parsed = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    await compileProject(parsed, { write: false });
    expect(Object.fromEntries(Object.values(parsed.manifest.nodes).map((n) => [n.unique_id, n.depends_on.macros]))).toEqual(ORACLE.compiledNodes);
  });

  it("state:modified.macros selects a node whose macro calls an edited macro", async () => {
    const before = (await parseProject({ projectDir: writeMiniProject(FILES), env: {} })).manifest;
    const edited = { ...FILES, "macros/probe.sql": MACROS.replace("{% endif %}1{% endmacro %}", "{% endif %}2{% endmacro %}") };
    const after = (await parseProject({ projectDir: writeMiniProject(edited), env: {} })).manifest;
    const selected = selectNodes(after, buildGraph(after), { select: ["state:modified.macros"], state: before, indirectSelection: "empty" });
    // the test's macro calls inner(); sing names inner() without calling it; outer (which calls it) is not called by m3
    expect(selected).toEqual(["test.mini.my_test_m1_id.3aa052cdec"]);
  });
});
