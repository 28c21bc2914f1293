import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

const FIXTURE = path.join(__dirname, "__fixtures__/test-arguments");

describe("generic test arguments", () => {
  // expected/ holds what dbt-core 1.10.23 (dbt-postgres) compiled for these two tests
  it("have the Jinja inside their strings rendered, in lists too, as dbt-core renders them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-testargs-"));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "profiles.yml"), "eph:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: lead_eph\n");
    const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
    await compileProject(parsed, { write: true });
    for (const file of fs.readdirSync(path.join(FIXTURE, "expected"))) {
      const ours = fs.readFileSync(path.join(dir, "target/compiled/eph/models/m.yml", file), "utf8");
      expect({ file, sql: ours }).toEqual({ file, sql: fs.readFileSync(path.join(FIXTURE, "expected", file), "utf8") });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
