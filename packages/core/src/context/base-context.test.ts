import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NodeCompiler } from "../compile/node-compiler";
import { indexManifest } from "../compile/execution-scope";
import { parseProject, type ParsedProject } from "../parse/parse-project";

/** Oracle output: each template rendered by dbt-core 1.10.23 (`dbt compile --inline`). */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "base-context-dbt.json"), "utf8")) as {
  cases: { name: string; template: string; expected: string }[];
};

async function parse(files: Record<string, string> = {}, options: { flags?: Record<string, unknown>; log?: (m: string, info: boolean) => void } = {}): Promise<ParsedProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-base-"));
  const all: Record<string, string> = {
    "dbt_project.yml": "name: hm\nprofile: hm\n",
    "profiles.yml": "hm:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: localhost\n      user: u\n      password: p\n      dbname: d\n      schema: s\n",
    "models/m.sql": "select 1 as id",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return parseProject({ projectDir: dir, env: {}, ...options });
}

function render(parsed: ParsedProject, template: string, execute = true): string {
  const index = indexManifest(parsed.manifest, parsed.project.name, parsed.naming);
  return new NodeCompiler(parsed.session, index, { execute }).renderText(template, null, "<inline>");
}

describe("the base context, against dbt-core's output", () => {
  let parsed: ParsedProject;
  beforeAll(async () => {
    parsed = await parse();
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(render(parsed, c.template)).toBe(c.expected);
  });
});

describe("the base context", () => {
  let parsed: ParsedProject;
  const logged: [string, boolean][] = [];
  beforeAll(async () => {
    parsed = await parse({}, { log: (m, info) => logged.push([m, info]), flags: { WHICH: "run", FULL_REFRESH: undefined } });
  });

  it("set_strict and zip_strict fail the node where set and zip give their default", () => {
    expect(render(parsed, "{{ set(1) }}|{{ zip(1, [2]) }}")).toBe("None|None");
    expect(() => render(parsed, "{{ set_strict(1) }}")).toThrow("'int' object is not iterable");
    expect(() => render(parsed, "{{ zip_strict(none, [2]) }}")).toThrow("'NoneType' object is not iterable");
    expect(() => render(parsed, "{{ set_strict([[1]]) }}")).toThrow("unhashable type: 'list'");
  });

  // dbt_utils.equality compares two set() results with != (dbt-core 1.10: "False True False False")
  it("compares sets by their members, in any order", () => {
    expect(render(parsed, "{{ set([1,2]) != set([2,1]) }} {{ set(['a']) == set(['a']) }} {{ set(['a']) == set(['b']) }} {{ set(['a']) == ['a'] }}")).toBe("False True False False");
  });

  it("exceptions.* fail with dbt's messages", () => {
    expect(() => render(parsed, "{{ exceptions.raise_compiler_error('boom') }}")).toThrow("boom");
    expect(() => render(parsed, "{{ exceptions.missing_config({'unique_id': 'model.a.b'}, 'owner') }}")).toThrow("Model 'model.a.b' does not define a required config parameter 'owner'.");
    expect(() => render(parsed, "{{ exceptions.raise_database_error('gone') }}")).toThrow("gone");
    expect(() => render(parsed, "{{ exceptions.column_type_missing(['a']) }}")).toThrow("the ['a'] column(s).");
    expect(render(parsed, "{{ exceptions.warn('careful') }}ok")).toBe("ok");
    expect(logged).toContainEqual(["Warning: careful", true]);
  });

  // dbt-core 1.10 on PostgreSQL stops with "Object of type PostgresRelation is not JSON serializable", default or not
  it("tojson of a relation fails the node with dbt's message, even with a default", () => {
    for (const template of ["{{ tojson(ref('m')) }}", "{{ tojson(ref('m'), 'dflt') }}"]) {
      expect(() => render(parsed, template)).toThrow("Object of type PostgresRelation is not JSON serializable");
    }
  });

  // dbt-core 1.10 (run-operation and compile): "Object of type Undefined is not JSON serializable" for the function and the
  // filter, at the top and in a list; toyaml() of it gives its default, None
  it("tojson of an undefined name fails with dbt's message; toyaml gives None", () => {
    for (const template of ["{{ tojson(no_such_name) }}", "{{ no_such_name | tojson }}", "{{ {'a': 1}.b | tojson }}", "{{ tojson([no_such_name]) }}"]) {
      expect(() => render(parsed, template)).toThrow("Object of type Undefined is not JSON serializable");
    }
    expect(render(parsed, "{{ toyaml(no_such_name) }}")).toBe("None");
  });

  // dbt-core 1.10's output for the same template with `flags: {enable_truthy_nulls_equals_macro: true}` in dbt_project.yml
  it("adapter.behavior reads dbt_project.yml flags, which switch dbt's equals macro to its null-safe form", async () => {
    const flagged = await parse({ "dbt_project.yml": "name: hm\nprofile: hm\nflags:\n  enable_truthy_nulls_equals_macro: true\n" });
    expect(render(flagged, "{% if adapter.behavior.enable_truthy_nulls_equals_macro %}on{% endif %}|{{ adapter.behavior.enable_truthy_nulls_equals_macro.no_warn }}|{{ equals('a', 'b') | trim }}")).toBe(
      "on|True|case when ((a = b) or (a is null and b is null))\n        then 0\n        else 1\n    end = 0",
    );
  });

  it("log writes to the debug log unless info=True; print always shows", () => {
    logged.length = 0;
    render(parsed, "{{ log('quiet') }}{{ log('loud', info=True) }}{{ print('shown') }}");
    expect(logged).toEqual([["quiet", false], ["loud", true], ["shown", true]]);
  });

  it("flags keep dbt's defaults where the command line says nothing", () => {
    expect(render(parsed, "{{ flags.WHICH }} {{ flags.FULL_REFRESH }} {{ flags.STORE_FAILURES }} {{ flags.NOT_A_FLAG }}|")).toBe("run False False |");
  });

  it("thread_id is MainThread while parsing and a worker's name when running; dbt_version is dbt's", () => {
    expect(render(parsed, "{{ thread_id }}", false)).toBe("MainThread");
    expect(render(parsed, "{{ thread_id }}")).toBe("Thread-1 (worker)");
    expect(render(parsed, "{{ dbt_version }} {{ project_name }} {{ selected_resources }}")).toBe("1.10.23 hm []");
  });

  it("invocation_args_dict holds the flags in lower case; dbt_metadata_envs the DBT_ENV_CUSTOM_ENV_ variables", async () => {
    expect(render(parsed, "{{ invocation_args_dict.which }} {{ invocation_args_dict.full_refresh }}")).toBe("run False");
    const withEnv = await parseProject({ projectDir: parsed.projectDir, env: { DBT_ENV_CUSTOM_ENV_team: "data", OTHER: "x" } });
    expect(render(withEnv, "{{ dbt_metadata_envs }}")).toBe("{'team': 'data'}");
  });

  it("run_started_at is an aware UTC datetime", () => {
    expect(render(parsed, "{{ run_started_at.tzinfo }} {{ run_started_at.strftime('%z') }}")).toBe("UTC +0000");
    expect(render(parsed, "{{ (run_started_at | string)[-6:] }}")).toBe("+00:00");
  });
});
