import * as fs from "node:fs";
import * as path from "node:path";
import type { SyncWarehouse } from "../context/warehouse";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

/**
 * compileProject as `tsdbt compile` runs it: which nodes it compiles, the warehouse it opens only
 * when a template queries one, and template errors reported together at their files' own lines.
 */
const FILES = {
  "dbt_project.yml": "name: mini\nprofile: mini\non-run-start: [\"select 'started'\"]\n",
  "models/asks.sql": "{% if execute %}{% set n = run_query('select 42 as n').columns[0].values()[0] %}{% endif %}\nselect {{ n }} as n\n",
  "models/asks_too.sql": "{% if execute %}{% set n = run_query('select 42 as n').columns[0].values()[0] %}{% endif %}\nselect {{ n }} + 1 as n\n",
  "models/plain.sql": "select 1 as id\n",
  "models/fails.sql": "\n\n{% if execute %}{{ exceptions.raise_compiler_error('boom') }}{% endif %}\n",
  "models/fails_in_macro.sql": "\n\n\nselect {{ boom_macro() }}\n",
  "macros/boom.sql": "{% macro boom_macro() %}\n{% if execute %}{{ exceptions.raise_compiler_error('in macro') }}{% endif %}\n{% endmacro %}\n",
  "seeds/sd.csv": "id\n1\n",
  "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: t\n",
  "packages.yml": "packages:\n  - local: pkg\n",
  "pkg/dbt_project.yml": "name: pkg\n",
  "pkg/models/in_package.sql": "\n\n\n{% if execute %}{{ exceptions.raise_compiler_error('in package') }}{% endif %}\n",
  // the same path in the project and in the package, with a different number of blank lines first
  "models/same_path.sql": "{% if execute %}{{ exceptions.raise_compiler_error('in project file') }}{% endif %}\n",
  "pkg/models/same_path.sql": "\n\n{% if execute %}{{ exceptions.raise_compiler_error('in package file') }}{% endif %}\n",
  "models/renders_empty.sql": "{% if false %}select 1{% endif %}\n",
};

/** A warehouse answering every query with one row n = 42. */
const answering: SyncWarehouse = {
  type: "duckdb",
  executeSync: () => ({ columns: [{ name: "n", type: "integer" }], rows: [{ n: 42 }] }),
  getColumnsSync: () => [],
  listRelationsSync: () => [],
};

const errorsOf = async (run: Promise<unknown>) => ((await run.then(() => ({ diagnostics: [] }), (e: unknown) => e)) as { diagnostics: { file: string; line?: number; message: string }[] }).diagnostics.map((d) => [d.file, d.line, d.message]);

describe("compileProject", () => {
  let dir: string;
  let parsed: ParsedProject;
  beforeEach(async () => {
    dir = writeMiniProject(FILES);
    parsed = await parseProject({ projectDir: dir, env: {} });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("opens the warehouse once, when a template first queries it, and compiles every other node though some fail", async () => {
    let connections = 0;
    const errors = await errorsOf(compileProject(parsed, { write: false, connect: async () => (connections++, answering) }));
    expect(connections).toBe(1);
    expect([parsed.manifest.nodes["model.mini.asks"]!.compiled_code, parsed.manifest.nodes["model.mini.asks_too"]!.compiled_code]).toEqual(["\nselect 42 as n", "\nselect 42 + 1 as n"]);
    expect(parsed.manifest.nodes["model.mini.plain"]!.compiled_code).toBe("select 1 as id");
    // errors at their files' own lines: the blank lines a model starts with count, in a package's file too; a macro's lines are its file's
    expect(errors).toEqual([
      ["models/fails.sql", 3, "boom. (in model.mini.fails)"],
      ["macros/boom.sql", 2, "in macro. (in model.mini.fails_in_macro)"],
      ["models/same_path.sql", 1, "in project file. (in model.mini.same_path)"],
      ["models/in_package.sql", 4, "in package. (in model.pkg.in_package)"],
      ["models/same_path.sql", 3, "in package file. (in model.pkg.same_path)"],
    ]);
  });

  it("without a way to connect, says what needed the warehouse", async () => {
    const errors = await errorsOf(compileProject(parsed, { write: false, selected: ["model.mini.asks"] }));
    expect(errors).toEqual([["models/asks.sql", undefined, "Unexpected error while rendering: run_query needs a warehouse connection; configure a reachable target. (in model.mini.asks)"]]);
  });

  it("does not connect for an error that is not about the warehouse", async () => {
    let connections = 0;
    const errors = await errorsOf(compileProject(parsed, { write: false, selected: ["model.mini.fails"], connect: async () => (connections++, answering) }));
    expect([connections, errors.length]).toEqual([0, 1]);
  });

  it("compiles only the selected models, tests, analyses and snapshots (not seeds, sources or unknown ids), and the project's hooks when asked", async () => {
    const { compiled } = await compileProject(parsed, { selected: ["seed.mini.sd", "source.mini.raw.t", "model.mini.gone", "model.mini.plain"] });
    expect(compiled.map((n) => n.unique_id)).toEqual(["model.mini.plain"]);
    expect(parsed.manifest.nodes["seed.mini.sd"]!.compiled_code).toBeUndefined();
    expect(parsed.manifest.nodes["operation.mini.mini-on-run-start-0"]!.compiled_code).toBeUndefined();
    const withHooks = await compileProject(parsed, { selected: ["model.mini.plain"], hooks: true });
    expect(withHooks.compiled.map((n) => n.unique_id)).toEqual(["model.mini.plain", "operation.mini.mini-on-run-start-0"]);
    expect(parsed.manifest.nodes["operation.mini.mini-on-run-start-0"]!.compiled_code).toBe("select 'started'");
  });

  it("gives a model whose SQL renders to nothing compiled_code '' and neither a compiled file nor a compiled_path (as dbt-core 1.10.23)", async () => {
    await compileProject(parsed, { selected: ["model.mini.renders_empty", "model.mini.plain"] });
    const node = parsed.manifest.nodes["model.mini.renders_empty"]!;
    expect([node.compiled, node.compiled_code, node.compiled_path]).toEqual([true, "", null]);
    expect(fs.readdirSync(path.join(dir, "target/compiled/mini/models"))).toEqual(["plain.sql"]);
  });

  it("writes target/compiled unless asked not to", async () => {
    const file = path.join(dir, "target/compiled/mini/models/plain.sql");
    await compileProject(parsed, { selected: ["model.mini.plain"], write: false });
    expect(fs.existsSync(file)).toBe(false);
    await compileProject(parsed, { selected: ["model.mini.plain"] });
    expect(fs.readFileSync(file, "utf8")).toBe("select 1 as id");
  });
});
