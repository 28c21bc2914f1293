import * as fs from "node:fs";
import * as path from "node:path";
import { compileFixture } from "./__fixtures__/compile-fixture";

const FIXTURE = path.join(__dirname, "__fixtures__/python-models");
/** The profile dbt-core compiled the fixture with (its relations are in test.lead_pyo). */
const PROFILE = "p:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: lead_pyo\n";

/** What dbt-core 1.10.23 wrote in target/manifest.json for the fixture's models (a few fields each). */
const expectedNodes = JSON.parse(fs.readFileSync(path.join(FIXTURE, "expected", "nodes.json"), "utf8")) as Record<string, Record<string, unknown> & { config: Record<string, unknown> }>;

describe("Python models, against dbt-core's parse and compile", () => {
  let golden: Awaited<ReturnType<typeof compileFixture>>;
  beforeAll(async () => {
    golden = await compileFixture(FIXTURE, PROFILE);
  });
  afterAll(() => golden.done());

  it.each(Object.keys(expectedNodes))("%s: language, code, refs, sources, dependencies, tags and config as dbt-core's", (id) => {
    const node = golden.parsed.manifest.nodes[id]!;
    const expected = expectedNodes[id];
    for (const field of ["language", "raw_code", "refs", "sources", "depends_on", "tags", "description", "path", "original_file_path", "relation_name"]) {
      expect({ [field]: node[field as keyof typeof node] }).toEqual({ [field]: expected[field] });
    }
    for (const [key, value] of Object.entries(expected.config)) expect({ [key]: node.config[key] }).toEqual({ [key]: value });
  });

  it.each(["b", "c", "d"])("compiles %s.py to dbt-core's text: the model's code, then its refs, sources, config values and this", (name) => {
    expect(golden.parsed.manifest.nodes[`model.p.${name}`]!.compiled_code).toBe(golden.expected(`${name}.py`));
    expect(fs.readFileSync(path.join(golden.dir, "target", "compiled", "p", "models", `${name}.py`), "utf8")).toBe(golden.expected(`${name}.py`));
  });
});
