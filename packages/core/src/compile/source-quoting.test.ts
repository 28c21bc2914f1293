import * as path from "node:path";
import { compileFixture, POSTGRES_PROFILE } from "./__fixtures__/compile-fixture";

const FIXTURE = path.join(__dirname, "__fixtures__/source-quoting");

describe("source() in compiled SQL", () => {
  // expected/m.sql is what dbt-core 1.10.23 (dbt-postgres) compiled for this project
  it("quotes every part unless the source's own quoting says otherwise; the project's quoting applies to refs only", async () => {
    const golden = await compileFixture(FIXTURE, POSTGRES_PROFILE);
    expect(golden.parsed.manifest.nodes["model.eph.m"].compiled_code).toBe(golden.expected("m.sql"));
    expect(golden.parsed.manifest.sources["source.eph.s.t"].relation_name).toBe('"RAW".sch.t');
    golden.done();
  });
});
