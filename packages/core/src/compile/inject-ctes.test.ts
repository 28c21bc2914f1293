import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";
import { injectCtes } from "./inject-ctes";
import { compileFixture } from "./__fixtures__/compile-fixture";

const cte = { id: "model.p.e", name: "__dbt__cte__e", sql: "select 1 as x" };
const FIXTURE = path.join(__dirname, "__fixtures__/ephemeral-ctes");

describe("injectCtes", () => {
  it("puts `with` and the CTEs in front of a plain select, then a space", () => {
    expect(injectCtes("\n\nselect * from __dbt__cte__e", [cte])).toBe("\n\nwith __dbt__cte__e as (\nselect 1 as x\n) select * from __dbt__cte__e");
  });
  it("merges into the query's own with clause after leading comments and the keyword's blanks", () => {
    expect(injectCtes("-- note\nWITH a as (select 1) select * from a", [cte])).toBe("-- note\nWITH  __dbt__cte__e as (\nselect 1 as x\n), a as (select 1) select * from a");
  });
  it("keeps `with recursive` first", () => {
    expect(injectCtes("with recursive r as (select 1) select * from r", [cte])).toMatch(/^with recursive  __dbt__cte__e as/);
  });
  it("does not mistake an identifier starting with 'with' for the keyword", () => {
    expect(injectCtes("select * from withdrawals", [cte])).toMatch(/^with __dbt__cte__e as \(/);
  });
});

describe("compiled SQL of ephemeral models and their users", () => {
  it("is byte for byte what dbt-core 1.10 writes (CTE spacing, trimmed raw code, nested ephemerals)", async () => {
    const golden = await compileFixture(FIXTURE, "eph:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      schema: main\n");
    const expected = fs.readdirSync(path.join(FIXTURE, "expected"));
    expect(expected.length).toBeGreaterThan(10);
    for (const file of expected) {
      const ours = fs.readFileSync(path.join(golden.dir, "target/compiled/eph/models", file), "utf8");
      expect({ file, sql: ours }).toEqual({ file, sql: golden.expected(file) });
    }
    golden.done();
  });

  it("reports a render error at the file's own line when the file starts with blank lines", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-ctes-"));
    fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: p\nprofile: p\n");
    fs.writeFileSync(path.join(dir, "profiles.yml"), "p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      schema: main\n");
    fs.mkdirSync(path.join(dir, "models"));
    fs.writeFileSync(path.join(dir, "models/m.sql"), "\n\n\nselect 1\n{{ run_query(42) | no_such_filter }}\n");
    await expect(parseProject({ projectDir: dir, profilesDir: dir, env: {} })).rejects.toMatchObject({ diagnostics: [expect.objectContaining({ file: "models/m.sql", line: 5 })] });
    // an error only compile meets (execute is false while parsing)
    fs.writeFileSync(path.join(dir, "models/m.sql"), "\n\nselect 1\n{% if execute %}{{ exceptions.raise_compiler_error('boom') }}{% endif %}\n");
    const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
    await expect(compileProject(parsed, { write: false })).rejects.toMatchObject({ diagnostics: [expect.objectContaining({ file: "models/m.sql", line: 4 })] });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
