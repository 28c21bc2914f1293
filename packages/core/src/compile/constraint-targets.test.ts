import * as fs from "node:fs";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

/**
 * A contracted model's foreign keys name their target with `ref()` or `source()`; compiling the
 * model replaces the call with the relation, as dbt-core 1.10.23 (dbt-postgres) wrote it in
 * manifest.json for this project (its `constraints`, the model's and its columns').
 */
const FILES = {
  "profiles.yml": "mini:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: mut2_probe\n",
  "models/parent.sql": "select 1 as id\n",
  "models/child.sql": "select 1 as id, 1 as parent_id\n",
  "models/schema.yml": `version: 2
sources:
  - name: raw
    schema: mut2_raw
    tables:
      - name: things
models:
  - name: child
    config:
      contract: {enforced: true}
      materialized: table
    constraints:
      - type: foreign_key
        columns: [parent_id]
        to: ref('parent')
        to_columns: [id]
      - type: check
        expression: "id > 0"
    columns:
      - name: id
        data_type: int
        constraints:
          - type: foreign_key
            to: source('raw', 'things')
            to_columns: [id]
      - name: parent_id
        data_type: int
        constraints:
          - type: foreign_key
            to: " ref( 'parent' ) "
            to_columns: [id]
`,
};

describe("foreign key targets", () => {
  it("become the relations their ref() or source() names when the model compiles, on the model and on its columns", async () => {
    const dir = writeMiniProject(FILES);
    try {
      const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
      await compileProject(parsed, { selected: ["model.mini.child"], write: false });
      const child = parsed.manifest.nodes["model.mini.child"]!;
      expect(child.constraints?.map((c) => [c.type, c.to ?? null])).toEqual([
        ["foreign_key", '"test"."mut2_probe"."parent"'],
        ["check", null],
      ]);
      expect(Object.fromEntries(Object.entries(child.columns).map(([name, c]) => [name, c.constraints?.map((k) => k.to)]))).toEqual({
        id: ['"test"."mut2_raw"."things"'],
        parent_id: ['"test"."mut2_probe"."parent"'],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
