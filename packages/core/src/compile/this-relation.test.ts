import * as path from "node:path";
import { compileFixture, POSTGRES_PROFILE } from "./__fixtures__/compile-fixture";

const FIXTURE = path.join(__dirname, "__fixtures__/this-relation");

describe("`this` in compiled SQL", () => {
  // expected/ holds what dbt-core 1.10.23 (dbt-postgres) compiled for this project
  it("is the node's relation in models, analyses and data tests (a test's in the audit schema), with the project's quoting", async () => {
    const golden = await compileFixture(FIXTURE, POSTGRES_PROFILE);
    const nodes = golden.parsed.manifest.nodes;
    expect(nodes["model.eph.m"]!.compiled_code).toBe(golden.expected("m.sql"));
    expect(nodes["analysis.eph.report"]!.compiled_code).toBe(golden.expected("report.sql"));
    expect(nodes["test.eph.no_rows"]!.compiled_code).toBe(golden.expected("no_rows.sql"));
    golden.done();
  });
});
