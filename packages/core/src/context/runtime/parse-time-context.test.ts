import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compileProject } from "../../compile/compile-project";
import { parseProject } from "../../parse/parse-project";

function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-runtime-ctx-"));
  const base: Record<string, string> = {
    "dbt_project.yml": "name: relo\nprofile: relo\nmodels:\n  relo:\n    +materialized: table\n",
    "profiles.yml": "relo:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      password: ''\n      dbname: test\n      schema: rel_helper\n",
    "models/m1.sql": "select 1 as id",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

// What dbt-core 1.10.23 recorded and compiled for the same two models (dbt parse, dbt compile).
describe("the parse-time context, through a whole parse", () => {
  const dir = writeProject({
    // dbt_utils' _is_relation check on ref() at parse and compile time
    "models/m_rel.sql":
      "{% set r = ref('m1') %}\n{% if not (r is mapping and r.get('metadata', {}).get('type', '').endswith('Relation')) %}{{ exceptions.raise_compiler_error('not a relation') }}{% endif %}\nselect '{{ r.identifier }}' as ident, '{{ api.Relation.create(schema='x', identifier='y').get('metadata')['type'] }}' as t\n",
    // config.get gives '' while parsing: the ref in the branch is not recorded
    "models/m_cond.sql": "{{ config(materialized='table') }}\n{% if config.get('materialized') == 'table' %}select * from {{ ref('m1') }}{% else %}select 1 as id{% endif %}\n",
  });

  it("records refs as dbt does: ref() returns a relation, config.get is ''", async () => {
    const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
    const nodes = parsed.manifest.nodes;
    expect(nodes["model.relo.m_rel"]!.depends_on.nodes).toEqual(["model.relo.m1"]);
    expect(nodes["model.relo.m_cond"]!.depends_on.nodes).toEqual([]);
    expect(nodes["model.relo.m_cond"]!.refs).toEqual([]);
  });

  it("compiles the relation checks with the adapter's relation class", async () => {
    const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
    await compileProject(parsed, { write: false, selected: ["model.relo.m_rel", "model.relo.m1"] });
    expect(parsed.manifest.nodes["model.relo.m_rel"]!.compiled_code!.trim()).toBe("select 'm1' as ident, 'PostgresRelation' as t");
  });
});
