import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "./parse-project";

describe("source relation names", () => {
  // dbt-core 1.10.23 with quoting {database: true, schema: false, identifier: false} in dbt_project.yml wrote
  // relation_name "test".Raw.t1, "test".Raw."t2" (table quoting identifier: true) and "test"."s2".t3 (source quoting schema: true).
  it("follow the project's quoting, overridden by the source's and the table's", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-src-quoting-"));
    fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: p3\nprofile: p3\nquoting:\n  database: true\n  schema: false\n  identifier: false\n");
    fs.writeFileSync(path.join(dir, "profiles.yml"), "p3:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/test.duckdb\n      schema: main\n");
    fs.mkdirSync(path.join(dir, "models"));
    fs.writeFileSync(path.join(dir, "models/schema.yml"), "version: 2\nsources:\n  - name: s\n    schema: Raw\n    tables:\n      - name: t1\n      - name: t2\n        quoting: {identifier: true}\n  - name: s2\n    quoting: {schema: true}\n    tables:\n      - name: t3\n");
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const names = Object.fromEntries(Object.values(manifest.sources).map((s) => [s.unique_id, s.relation_name]));
    expect(names).toEqual({ "source.p3.s.t1": '"test".Raw.t1', "source.p3.s.t2": '"test".Raw."t2"', "source.p3.s2.t3": '"test"."s2".t3' });
  });
});
