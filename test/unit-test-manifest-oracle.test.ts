/**
 * Unit tests in manifest.json as real dbt-core 1.10 writes them (test/fixtures/unit-test-oracle,
 * golden oracle.json recorded there by record-oracle.mjs): csv rows (inline or from a fixture
 * file) held as mappings with empty cells null, a sql fixture file's text, the rows of the seed an
 * input without rows refers to, the first row without nulls moved first; and the `checksum` dbt
 * computes (floats written `1.0` count as floats). `ls -s state:modified` then selects the unit
 * tests dbt selects after the same edits, and an input without rows that names no seed is an error.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const FIXTURE = path.join(__dirname, "fixtures", "unit-test-oracle");

interface Golden {
  unit_tests: Record<string, Record<string, unknown>>;
  state_modified: Record<string, string[]>;
}
const golden = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.json"), "utf8")) as Golden;
// the profile and the edits (text replacements in models/schema.yml) the recorder used
const { profile: PROFILE, edits: EDITS } = JSON.parse(fs.readFileSync(path.join(FIXTURE, "edits.json"), "utf8")) as { profile: string; edits: Record<string, [string, string][]> };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { invoke } = require("tsdbt") as typeof import("tsdbt");
const dirs: string[] = [];

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-unit-test-oracle-"));
  dirs.push(dir);
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  fs.writeFileSync(path.join(dir, "profiles.yml"), PROFILE);
  return dir;
}

async function tsdbt(dir: string, args: string[]): Promise<{ exitCode: number; lines: string[] }> {
  const lines: string[] = [];
  const run = await invoke([...args, "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: (line) => lines.push(line) });
  return { exitCode: run.exitCode, lines };
}

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("unit tests in manifest.json, as dbt-core writes them", () => {
  let unitTests: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    const dir = project();
    expect((await tsdbt(dir, ["parse", "--no-partial-parse"])).exitCode).toBe(0);
    unitTests = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8")).unit_tests;
  }, 60000);

  it("lists the same unit tests", () => {
    expect(Object.keys(unitTests).sort()).toEqual(Object.keys(golden.unit_tests).sort());
  });

  it.each(Object.keys(golden.unit_tests))("%s: given, expect and overrides as dbt normalises them", (id) => {
    const { given, expect: expected, overrides } = unitTests[id]!;
    expect({ given, expect: expected, overrides }).toEqual({ given: golden.unit_tests[id]!.given, expect: golden.unit_tests[id]!.expect, overrides: golden.unit_tests[id]!.overrides });
  });

  it.each(Object.keys(golden.unit_tests))("%s: dbt's checksum", (id) => {
    expect(unitTests[id]!.checksum).toBe(golden.unit_tests[id]!.checksum);
  });
});

describe("state:modified selects the unit tests dbt selects", () => {
  it.each(Object.keys(golden.state_modified))("after the edit %s", async (name) => {
    const dir = project();
    expect((await tsdbt(dir, ["parse", "--no-partial-parse"])).exitCode).toBe(0);
    const state = path.join(dir, "state");
    fs.mkdirSync(state);
    fs.copyFileSync(path.join(dir, "target", "manifest.json"), path.join(state, "manifest.json"));
    const file = path.join(dir, "models", "schema.yml");
    fs.writeFileSync(file, EDITS[name]!.reduce((text, [from, to]) => text.replace(from, to), fs.readFileSync(file, "utf8")));
    const ls = await tsdbt(dir, ["-q", "ls", "--no-partial-parse", "-s", "state:modified", "--state", state, "--resource-type", "unit_test"]);
    expect(ls.exitCode).toBe(0);
    expect(ls.lines.join("\n").split("\n").filter(Boolean)).toEqual(golden.state_modified[name]);
  }, 60000);
});

it("reports an input without rows that names no seed (dbt: 'Unable to find seed'), exit 2", async () => {
  const dir = project();
  fs.writeFileSync(
    path.join(dir, "models", "more.yml"),
    ["version: 2", "unit_tests:", "  - name: no_rows", "    model: m2", "    given:", "      - input: ref('m1')", "    expect:", "      rows: [{id: 1}]", ""].join("\n"),
  );
  const run = await tsdbt(dir, ["parse", "--no-partial-parse"]);
  expect(run.exitCode).toBe(2);
  expect(run.lines.join("\n")).toContain("models/more.yml:6:9: error TSDBT-E514: Unit test 'no_rows' gives no rows for ref('m1'), and 'uto.m1' is not a seed to read them from.");
}, 60000);
