import * as fs from "node:fs";
import * as path from "node:path";
import { compileFixture, POSTGRES_PROFILE } from "./__fixtures__/compile-fixture";

const FIXTURE = path.join(__dirname, "__fixtures__/test-arguments");

describe("generic test arguments", () => {
  // expected/ holds what dbt-core 1.10.23 (dbt-postgres) compiled for these tests
  it("have the Jinja inside their strings rendered, in lists too, as dbt-core renders them; one {{ }} with text or a blank on one side only is text", async () => {
    const golden = await compileFixture(FIXTURE, POSTGRES_PROFILE);
    for (const file of fs.readdirSync(path.join(FIXTURE, "expected"))) {
      const ours = fs.readFileSync(path.join(golden.dir, "target/compiled/eph/models/m.yml", file), "utf8");
      expect({ file, sql: ours }).toEqual({ file, sql: golden.expected(file) });
    }
    golden.done();
  });
});
