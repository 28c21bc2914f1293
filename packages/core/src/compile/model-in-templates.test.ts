import * as fs from "node:fs";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";
import { compileProject } from "./compile-project";

/** What dbt-core 1.10.23 wrote for the project below (dbt parse / dbt compile on PostgreSQL). */
const ORACLE = path.join(__dirname, "__fixtures__", "model-dict-oracle");
const oracle = (file: string) => fs.readFileSync(path.join(ORACLE, file), "utf8");

const FILES = {
  "dbt_project.yml": "name: mini\nprofile: mini\nmodels:\n  mini:\n    +tags: ['t1']\nseeds:\n  mini:\n    +tags: ['s1']\n",
  // dbt's dict also has unrendered_config_call_dict, a key tsdbt's nodes do not have
  "models/shown.sql": [
    "-- version {{ model.get('version', 'absent') }} {{ model.version is defined }}",
    "-- docs {{ model.docs }}",
    "-- columns {{ model.columns }}",
    "-- config {{ model.config }}",
    "-- keys {{ model.keys() | reject('equalto', 'unrendered_config_call_dict') | list }}",
    "-- unrendered {{ model.unrendered_config }}",
    "select 1 as id",
    "",
  ].join("\n"),
  "models/inc.sql": "{{ config(materialized='incremental', unique_key='id') }}\nselect 1 as id\n",
  "analyses/an.sql": "-- keys {{ model.keys() | reject('equalto', 'unrendered_config_call_dict') | list }}\n-- rel {{ model.get('relation_name', 'none-key') }}\nselect 1 from {{ ref('shown') }}\n",
  "seeds/sd.csv": "id,v\n1,a\n",
  "snapshots/snap.sql": "{% snapshot snap %}\n{{ config(target_schema='snaps', unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('shown') }}\n{% endsnapshot %}\n",
  "models/schema.yml": "version: 2\nmodels:\n  - name: shown\n    description: d\n    config:\n      materialized: table\n    columns:\n      - name: id\n        description: the id\n        data_tests:\n          - unique:\n              config:\n                where: \"id > 0\"\n",
};

describe("the node in templates and its config (dbt-core 1.10.23 oracle)", () => {
  it("`model` is the node as a dict without None values, nested dicts included", async () => {
    const parsed = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    await compileProject(parsed, { write: false });
    const compiled = (id: string) => parsed.manifest.nodes[id].compiled_code;
    expect(compiled("model.mini.shown")).toBe(oracle("shown.sql"));
    // the relation differs by warehouse: the oracle's ran on PostgreSQL, this project on DuckDB
    const relation = /from .*$/;
    expect(compiled("analysis.mini.an")?.replace(relation, "")).toBe(oracle("an.sql").replace(relation, ""));
  });

  it("every node's config has dbt's keys in dbt's order, and unrendered_config what the project, YAML and config() set", async () => {
    const { manifest } = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    const expected = JSON.parse(oracle("configs.json")) as Record<string, { config: unknown; unrendered_config: unknown }>;
    const actual = Object.fromEntries(Object.values(manifest.nodes).sort((a, b) => (a.unique_id < b.unique_id ? -1 : 1)).map((n) => [n.unique_id, { config: n.config, unrendered_config: n.unrendered_config }]));
    // key order matters: compare the JSON text
    expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));
  });
});
