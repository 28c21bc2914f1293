import * as fs from "node:fs";
import * as path from "node:path";
import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";
import type { Diagnostic } from "../diagnostics/diagnostic";

const FIXTURE = path.join(__dirname, "..", "..", "..", "..", "test", "fixtures", "model-contracts", "project");

/** The contracts fixture project (test/fixtures/model-contracts/project) as a mini project's files. */
function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = { "dbt_project.yml": "name: contracts\nprofile: mini\nvars:\n  run: 1\n" };
  for (const name of fs.readdirSync(path.join(FIXTURE, "models"))) files[`models/${name}`] = fs.readFileSync(path.join(FIXTURE, "models", name), "utf8");
  return files;
}

describe("model constraints as dbt-core 1.10 parses them", () => {
  it("fills in dbt's defaults, builds the referenced model first, and hashes the contract as dbt does", async () => {
    const { manifest } = await parseProject({ projectDir: writeMiniProject(fixtureFiles()), env: {} });
    const node = (name: string) => manifest.nodes[`model.contracts.${name}`]!;
    // dbt parse of the same project wrote these checksums and dependencies
    expect(Object.fromEntries(["child", "parent", "events", "custom_constraints", "checked_view"].map((n) => [n, node(n).contract.checksum]))).toEqual({
      child: "005fbab36b4f94409bb062f3cacf483b4eef00c0981ed01c7996337a57fd5b5d",
      parent: "e2432884f9b43dcca2ea210d79140c2d8d98eb26b31dae475de694ee48f99a5a",
      events: "08aba3a17b29723f61745cb354cd8f04d2b2d2e955a3aa58f454a4d5bf1e9137",
      custom_constraints: "3605033b7ec485b83a13e76dc9a1eb53cdda2eda828a60203961b6675804e133",
      checked_view: "4742ee42f8fab7402176c563f24ddcc0637fb1b296cec5d1bdac73c63a977894",
    });
    expect([node("child").depends_on.nodes, node("child").refs]).toEqual([["model.contracts.parent"], [{ name: "parent", package: null, version: null }]]);
    expect(node("custom_constraints").constraints).toEqual([
      { type: "custom", name: null, expression: "constraint other_positive check (other > 0)", warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [], columns: [] },
      { type: "check", name: null, expression: "id > 0", warn_unenforced: true, warn_unsupported: false, to: null, to_columns: [], columns: [] },
    ]);
    expect(node("parent").columns.id!.constraints).toEqual([
      { type: "not_null", name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] },
      { type: "primary_key", name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] },
    ]);
  });

  it("warns (TSDBT-W080) when an enforced contract's constraints are on a view, at the properties file", async () => {
    const { diagnostics } = await parseProject({ projectDir: writeMiniProject(fixtureFiles()), env: {} });
    expect(diagnostics.filter((d) => d.code === "TSDBT-W080").map((d) => [d.severity, d.file, d.nodeId, d.message, d.hint])).toEqual([
      [
        "warn",
        "models/schema.yml",
        "model.contracts.checked_view",
        "Constraint types are not supported for view materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning.",
        "Materialize the model as a table or incremental model to apply its constraints.",
      ],
    ]);
  });

  it("refuses (TSDBT-E037) an unknown constraint type of an enforced contract, with dbt's list of types", async () => {
    const dir = writeMiniProject({
      "models/m.sql": "{{ config(materialized='table', contract={'enforced': true}) }} select 1 as id",
      "models/m.yml": "models:\n  - name: m\n    constraints:\n      - type: primary\n        columns: [id]\n    columns:\n      - name: id\n        data_type: integer\n",
    });
    const error = (await parseProject({ projectDir: dir, env: {} }).catch((e: unknown) => e)) as { diagnostics: Diagnostic[] };
    expect(error.diagnostics.filter((d) => d.code === "TSDBT-E037").map((d) => [d.severity, d.file, d.message, d.hint])).toEqual([
      [
        "error",
        "models/m.yml",
        "Invalid constraint type on model m: Type must be one of ['check', 'not_null', 'unique', 'primary_key', 'foreign_key', 'custom']",
        "Use one of check, not_null, unique, primary_key, foreign_key, custom.",
      ],
    ]);
  });

  it("leaves a model without properties to the build (dbt checks its contract there), and its unenforced constraints alone", async () => {
    const dir = writeMiniProject({
      "models/bare.sql": "{{ config(materialized='table', contract={'enforced': true}) }} select 1 as id",
      "models/loose.sql": "{{ config(materialized='view') }} select 1 as id",
      "models/loose.yml": "models:\n  - name: loose\n    columns:\n      - name: id\n        constraints: [{type: not_null}]\n",
    });
    const { diagnostics } = await parseProject({ projectDir: dir, env: {} });
    expect(diagnostics.filter((d) => /TSDBT-(E037|W080)/.test(d.code))).toEqual([]);
  });
});
