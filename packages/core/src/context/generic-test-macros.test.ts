import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { compileProject } from "../compile/compile-project";
import { parseProject } from "../parse/parse-project";

/** What dbt-core wrote to target/compiled for each data test of the fixture's schema.yml. */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "generic-tests-postgres.json"), "utf8")) as {
  schema_yml: string;
  compiled: Record<string, string>;
};

function writeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-generic-"));
  const files: Record<string, string> = {
    "dbt_project.yml": "name: hm\nprofile: hm\n",
    "profiles.yml": "hm:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: localhost\n      user: u\n      password: p\n      dbname: test\n      schema: hm_macros\n",
    "models/m.sql": "select 1 as x",
    "models/m2.sql": "select 1 as id, 'a' as status",
    "models/schema.yml": fixture.schema_yml,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("the built-in generic data tests", () => {
  it.each([false, true])("compile to dbt-core's text, blank lines included (full render: %s)", async (fullRender) => {
    const dir = writeProject();
    const parsed = await parseProject({ projectDir: dir, env: {} });
    await compileProject(parsed, { fullRender });
    for (const [file, text] of Object.entries(fixture.compiled)) {
      expect([file, fs.readFileSync(path.join(dir, "target", "compiled", "hm", "models", "schema.yml", file), "utf8")]).toEqual([file, text]);
    }
  });
});
