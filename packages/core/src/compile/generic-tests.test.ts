import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";
import { POSTGRES_PROFILE } from "./__fixtures__/compile-fixture";

/**
 * dbt's built-in unique, not_null and relationships tests compile without a template render (one
 * render of each kind's SQL, then their arguments put in): the SQL must still be what dbt-core
 * writes, and every test whose SQL depends on more than its arguments (a `where` or its own
 * `store_failures`, a namespace, Jinja in an argument, a project override) must be rendered.
 * Each fixture's expected/ is what dbt-core 1.10.23 (dbt-postgres) compiled (see its README).
 */
const fixture = (name: string) => path.join(__dirname, "__fixtures__", name);

/** Parses a copy of a fixture with the PostgreSQL profile (nothing connects). */
async function parseCopy(name: string): Promise<{ dir: string; parsed: ParsedProject }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-generic-tests-"));
  fs.cpSync(fixture(name), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "profiles.yml"), POSTGRES_PROFILE);
  return { dir, parsed: await parseProject({ projectDir: dir, profilesDir: dir, env: {} }) };
}

/** Each node's compiled SQL with the whole project compiled at once, keyed by the file dbt writes. */
async function compiledTests(parsed: ParsedProject): Promise<Record<string, string>> {
  await compileProject(parsed, { write: false });
  const out: Record<string, string> = {};
  for (const node of Object.values(parsed.manifest.nodes)) if (node.resource_type === "test") out[`${node.name}.sql`] = node.compiled_code!;
  return out;
}

/** How many templates the compiler renders for each node, compiled on its own. */
async function rendersPerNode(parsed: ParsedProject): Promise<Record<string, number>> {
  const render = jest.spyOn(parsed.session.env, "render");
  const out: Record<string, number> = {};
  for (const node of Object.values(parsed.manifest.nodes).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    render.mockClear();
    await compileProject(parsed, { selected: [node.unique_id], write: false });
    out[node.name] = render.mock.calls.length;
  }
  render.mockRestore();
  return out;
}

const expectedFiles = (name: string) =>
  Object.fromEntries(fs.readdirSync(path.join(fixture(name), "expected")).map((file) => [file, fs.readFileSync(path.join(fixture(name), "expected", file), "utf8")]));

describe("built-in generic tests in compiled SQL", () => {
  it("are what dbt-core compiles: on models and sources, with where, store_failures, a namespace, Jinja in an argument, ref() written every way", async () => {
    const { dir, parsed } = await parseCopy("generic-tests");
    expect(await compiledTests(parsed)).toEqual(expectedFiles("generic-tests"));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("render no template when their SQL is dbt's with their arguments put in, and render the others", async () => {
    const { dir, parsed } = await parseCopy("generic-tests");
    expect(await rendersPerNode(parsed)).toEqual({
      m: 0,
      other: 0,
      // rendered: accepted_values is not interpolated, helpers.not_null is the package's
      accepted_values_m_id__1__2: 1,
      helpers_not_null_m_id: 1,
      // its `where` config, and its own store_failures (true or false) change the SQL
      not_null_m_id: 1,
      not_null_m_id_unstored: 1,
      not_null_m_name_stored: 1,
      unique_m_id_stored: 1,
      // Jinja in `field` (an expression or a tag), a ref() of a variable: the argument, then the test
      relationships_m_id_things: 2,
      relationships_tag_field: 2,
      relationships_ref_of_var: 2,
      // ref() with blanks, and a `to` that is text (only starts like no ref): put in as they are
      relationships_spaced_ref: 0,
      relationships_other_ref: 0,
      not_null_m_name: 0,
      relationships_m_id__id__ref_other_: 0,
      source_unique_raw_things_id: 0,
      unique_m_id: 0,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("are the project's own when it overrides test_unique or default__test_not_null, the built-in relationships test still unrendered", async () => {
    const { dir, parsed } = await parseCopy("generic-tests-overridden");
    expect(await compiledTests(parsed)).toEqual(expectedFiles("generic-tests-overridden"));
    expect(await rendersPerNode(parsed)).toEqual({ m: 0, other: 0, not_null_m_id: 1, relationships_m_id__id__ref_other_: 0, unique_m_id: 1 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("are a package's own when dbt_project.yml's dispatch puts the package before dbt in the dbt namespace", async () => {
    const { dir, parsed } = await parseCopy("generic-tests-dispatched");
    expect(await compiledTests(parsed)).toEqual(expectedFiles("generic-tests-dispatched"));
    // dbt-core's manifest: the test macro itself (not the dispatched implementation) and, once compiled, get_where_subquery
    const macrosOf = (name: string) => Object.values(parsed.manifest.nodes).find((n) => n.name === name)!.depends_on.macros;
    expect([macrosOf("unique_m_id"), macrosOf("not_null_m_id")]).toEqual([
      ["macro.dbt.test_unique", "macro.dbt.get_where_subquery"],
      ["macro.dbt.test_not_null", "macro.dbt.get_where_subquery"],
    ]);
    expect(await rendersPerNode(parsed)).toEqual({ m: 0, not_null_m_id: 0, unique_m_id: 1 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("read the model through the project's get_where_subquery when it overrides it", async () => {
    const { dir, parsed } = await parseCopy("generic-tests-where-overridden");
    expect(await compiledTests(parsed)).toEqual(expectedFiles("generic-tests-where-overridden"));
    expect(await rendersPerNode(parsed)).toEqual({ m: 0, other: 0, not_null_m_id: 1, relationships_m_id__id__ref_other_: 1, unique_m_id: 1 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
