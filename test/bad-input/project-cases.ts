/**
 * Hand-written cases: broken YAML, properties, Jinja, references, selection, profiles, seeds and
 * files, including every case issue 13 lists. Each is a small mutation of the fixture project.
 */
import * as os from "node:os";
import * as path from "node:path";
import { POSTGRES_LINES, profiles, project, type BadInputCase } from "./bad-input-case";

/** A folder outside every project that does not exist (tsdbt must not create it). */
export const MISSING_FOLDER = path.join(os.tmpdir(), `tsdbt-bad-input-missing-${process.pid}-${Date.now().toString(36)}`);

/** 4 KB of bytes from a fixed linear congruential sequence (the same "binary" every run). */
function binaryJunk(bytes = 4096, seed = 13): string {
  let x = seed;
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out.push(x >> 16 & 0xff);
  }
  return Buffer.from(out).toString("latin1");
}

/** An alias bomb: nine levels of nine aliases under `meta` (9^9 values once expanded). */
function aliasBomb(indent: string): string {
  const lines = [`${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i <= 9; i++) lines.push(`${indent}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

const SCHEMA = (body: string) => ({ "models/schema.yml": `version: 2\n${body}` });
const SEED = (csv: string) => ({ "seeds/s.csv": csv });

const yamlCases: BadInputCase[] = [
  { id: "schema.yml: unclosed [", files: SCHEMA("models:\n  - name: customers\n    columns: [\n      - name: id\n"), code: "TSDBT-E001", file: "models/schema.yml", line: 5 },
  { id: "schema.yml: a tab for indentation", files: SCHEMA("models:\n\t- name: customers\n"), code: "TSDBT-E001", file: "models/schema.yml", line: 3 },
  { id: "schema.yml: 4 KB of binary appended", files: { "models/schema.yml": `version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n${binaryJunk()}` }, code: "TSDBT-E001", file: "models/schema.yml", line: 7 },
  { id: "schema.yml: unterminated quote", files: SCHEMA('models:\n  - name: customers\n    description: "never closed\n'), code: "TSDBT-E001", file: "models/schema.yml", line: 5 },
  { id: "schema.yml: alias bomb under meta", files: SCHEMA(`models:\n  - name: customers\n    meta:\n${aliasBomb("      ")}\n`), code: "TSDBT-E063", file: "models/schema.yml", line: 14 },
  { id: "dbt_project.yml: alias bomb under vars", files: project(`vars:\n${aliasBomb("  ")}\n`), code: "TSDBT-E063", file: "dbt_project.yml", line: 17 },
  { id: "dbt_project.yml: unclosed [", files: { "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nprofile: fixture\nmodel-paths: [\"models\"\n" }, code: "TSDBT-E001", file: "dbt_project.yml", line: 5 },
  { id: "dbt_project.yml missing", files: { "dbt_project.yml": null }, code: "TSDBT-E002", file: "dbt_project.yml", line: null },
  { id: "dbt_project.yml is a list", files: { "dbt_project.yml": "- name: fixture\n" }, code: "TSDBT-E003", file: "dbt_project.yml", line: 1 },
  { id: "dbt_project.yml: model-paths is a mapping", files: project("seed-paths: {a: 1}\n"), code: "TSDBT-E003", file: "dbt_project.yml", line: 7 },
  { id: "dbt_project.yml: dispatch is text", files: project("dispatch: dbt_utils\n"), code: "TSDBT-E003", file: "dbt_project.yml", line: 7 },
  { id: "dbt_project.yml: a Jinja call that does not exist", files: project("models:\n  +schema: \"{{ no_such_function() }}\"\n"), code: "TSDBT-E003", file: "dbt_project.yml", line: 8 },
  { id: "dbt_project.yml: env_var of an unset variable", files: project("models:\n  +schema: \"{{ env_var('TSDBT_BAD_INPUT_UNSET') }}\"\n"), code: "TSDBT-E004", file: "dbt_project.yml", line: 8 },
  { id: "dbt_project.yml: a secret env var", files: project("models:\n  +schema: \"{{ env_var('DBT_ENV_SECRET_BAD_INPUT') }}\"\n"), env: { DBT_ENV_SECRET_BAD_INPUT: "s" }, code: "TSDBT-E027", file: "dbt_project.yml", line: 8 },
  { id: "dbt_project.yml: clean-targets outside the project", files: project('clean-targets: ["../elsewhere"]\n'), argv: ["clean"], code: "TSDBT-E051", file: "dbt_project.yml", line: 7 },
  { id: "packages.yml names a package that is not installed", files: { "packages.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n" }, code: "TSDBT-E009", file: "packages.yml", line: null },
];

const propertyCases: BadInputCase[] = [
  { id: "description: [1, 2]", files: SCHEMA("models:\n  - name: customers\n    description: [1, 2]\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4, col: 18 },
  { id: "columns: 5", files: SCHEMA("models:\n  - name: customers\n    columns: 5\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4, col: 14 },
  { id: "a source's tables: orders", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    tables: orders\n" }, code: "TSDBT-E029", file: "models/src.yml", line: 4, col: 13 },
  { id: "a source's description is a mapping", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    description: {a: 1}\n    tables: [{name: orders}]\n" }, code: "TSDBT-E029", file: "models/src.yml", line: 4 },
  { id: "a source table's columns is text", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n        columns: id\n" }, code: "TSDBT-E029", file: "models/src.yml", line: 6 },
  { id: "a column's description is a list", files: SCHEMA("models:\n  - name: customers\n    columns:\n      - name: id\n        description: [a]\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 6 },
  { id: "a column's quote is text", files: SCHEMA("models:\n  - name: customers\n    columns:\n      - name: id\n        quote: sometimes\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 6 },
  { id: "a model's meta is a list", files: SCHEMA("models:\n  - name: customers\n    meta: [a, b]\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4 },
  { id: "a model's docs is text", files: SCHEMA("models:\n  - name: customers\n    docs: hidden\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4 },
  { id: "a model's config is a list", files: SCHEMA("models:\n  - name: customers\n    config: [materialized, table]\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4 },
  { id: "a model's data_tests is a mapping", files: SCHEMA("models:\n  - name: customers\n    data_tests: {unique: id}\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4 },
  { id: "a model's tags is a mapping", files: SCHEMA("models:\n  - name: customers\n    tags: {a: 1}\n"), code: "TSDBT-E029", file: "models/schema.yml", line: 4 },
  { id: "an exposure's owner is text", files: { "models/exp.yml": "version: 2\nexposures:\n  - name: dash\n    type: dashboard\n    owner: bob\n" }, code: "TSDBT-E029", file: "models/exp.yml", line: 5 },
  { id: "an exposure's depends_on is text", files: { "models/exp.yml": "version: 2\nexposures:\n  - name: dash\n    type: dashboard\n    owner: {email: a@b.c}\n    depends_on: ref('customers')\n" }, code: "TSDBT-E029", file: "models/exp.yml", line: 6 },
  { id: "a macro's arguments is text", files: { "macros/props.yml": "version: 2\nmacros:\n  - name: cents_to_dollars\n    arguments: col\n" }, code: "TSDBT-E029", file: "macros/props.yml", line: 4 },
  { id: "a seed's columns is a mapping", files: { "seeds/countries.csv": "code\nNL\n", "seeds/props.yml": "version: 2\nseeds:\n  - name: countries\n    columns: {code: text}\n" }, code: "TSDBT-E029", file: "seeds/props.yml", line: 4 },
  { id: "a group's owner is text", files: { "models/groups.yml": "version: 2\ngroups:\n  - name: finance\n    owner: finance-team\n" }, code: "TSDBT-E029", file: "models/groups.yml", line: 4 },
  { id: "models: is a mapping", files: SCHEMA("models:\n  customers: {}\n"), code: "TSDBT-E018", file: "models/schema.yml", line: 2 },
  { id: "sources: is text", files: { "models/src.yml": "version: 2\nsources: raw\n" }, code: "TSDBT-E018", file: "models/src.yml", line: 2 },
  { id: "a model entry without a name", files: SCHEMA("models:\n  - description: nameless\n"), code: "TSDBT-E019", file: "models/schema.yml", line: 3 },
  { id: "a model entry that is a bare string", files: SCHEMA("models:\n  - customers\n"), code: "TSDBT-E019", file: "models/schema.yml", line: 3 },
  { id: "a source table without a name", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - identifier: orders\n" }, code: "TSDBT-E019", file: "models/src.yml", line: 5 },
  { id: "a model described twice", files: SCHEMA("models:\n  - name: customers\n  - name: customers\n"), code: "TSDBT-E023", file: "models/schema.yml", line: 4 },
  { id: "a generic test nobody defines", files: SCHEMA("models:\n  - name: customers\n    columns:\n      - name: id\n        data_tests: [uniqe]\n"), code: "TSDBT-E026", file: "models/schema.yml", line: 6 },
  { id: "a data test as a number", files: SCHEMA("models:\n  - name: customers\n    columns:\n      - name: id\n        data_tests: [5]\n"), code: "TSDBT-E022", file: "models/schema.yml", line: 6 },
  { id: "doc('missing') in a description", files: SCHEMA("models:\n  - name: customers\n    description: \"{{ doc('missing') }}\"\n"), code: "TSDBT-E024", file: "models/schema.yml", line: 4 },
  { id: "a Jinja syntax error in a description", files: SCHEMA("models:\n  - name: customers\n    description: \"{{ oops( }}\"\n"), code: "TSDBT-J001", file: "models/schema.yml", line: 4, hint: false },
  { id: "a Jinja syntax error in a column description", files: SCHEMA("models:\n  - name: customers\n    columns:\n      - name: id\n        description: \"{% if %}\"\n"), code: "TSDBT-J001", file: "models/schema.yml", line: 6, hint: false },
];

const jinjaCases: BadInputCase[] = [
  { id: "a broken expression in a model", files: { "models/orders.sql": "select 1 as a,\n  {{ 1 + }} as b\n" }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, col: 10, hint: false },
  { id: "an unclosed {% for %}", files: { "models/orders.sql": "select 1\n{% for x in [1, 2] %}\n, {{ x }}\n" }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, hint: false },
  { id: "an unclosed {% if %}", files: { "models/orders.sql": "select 1\n{% if true %}\n, 2\n" }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, hint: false },
  { id: "a stray {% endif %}", files: { "models/orders.sql": "select 1\n{% endif %}\n" }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, hint: false },
  { id: "an unknown filter", files: { "models/orders.sql": "select 1 as a\n-- {{ 'x' | no_such_filter }}\n" }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, hint: false },
  { id: "20,000 nested {% if %}", files: { "models/orders.sql": `select 1\n${"{% if true %}".repeat(20000)}, 2${"{% endif %}".repeat(20000)}\n` }, code: "TSDBT-J001", file: "models/orders.sql", line: 2, hint: false },
  { id: "a syntax error in a macro nobody calls", files: { "macros/bad.sql": "{% macro bad(x) %}\n{{ x + }}\n{% endmacro %}\n" }, code: "TSDBT-J001", file: "macros/bad.sql", line: 2, hint: false },
  { id: "an unclosed {% macro %}", files: { "macros/bad.sql": "{% macro bad(x) %}\nselect 1\n" }, code: "TSDBT-J001", file: "macros/bad.sql", line: 1, hint: false },
  { id: "a syntax error in a snapshot", files: { "snapshots/snap.sql": "{% snapshot snap %}\n{{ config(strategy='check', unique_key='id', check_cols='all') }}\nselect {{ 1 + }} as id\n{% endsnapshot %}\n" }, code: "TSDBT-J001", file: "snapshots/snap.sql", line: 3, hint: false },
  { id: "a syntax error in an analysis", files: { "analyses/an.sql": "select\n  {{ ) }}\n" }, code: "TSDBT-J001", file: "analyses/an.sql", line: 2, hint: false },
  { id: "a syntax error in a singular test", files: { "tests/t.sql": "select *\nfrom {{ ref('customers') }\n" }, code: "TSDBT-J001", file: "tests/t.sql", line: 2, hint: false },
  // (a build parses it, as dbt does, and fails the node: the compile refuses it)
  { id: "an undefined macro", files: { "models/orders.sql": "select\n  {{ cents_to_dolars('amount') }} as d\n" }, argv: ["compile"], code: "TSDBT-E010", file: "models/orders.sql", line: 2, col: 21 },
  { id: "an undefined name inside a macro", files: { "macros/m.sql": "{% macro m() %}\n{{ return(nonexistent_fn()) }}\n{% endmacro %}\n", "models/orders.sql": "select\n {{ m() }} as x\n" }, argv: ["compile"], code: "TSDBT-E010", file: "macros/m.sql", line: 2 },
  { id: "ref() to a missing model", files: { "models/orders.sql": "select *\nfrom {{ ref('customerz') }}\n" }, code: "TSDBT-E012", file: "models/orders.sql", line: 2, col: 9 },
  { id: "ref() with three arguments", files: { "models/orders.sql": "select *\nfrom {{ ref('a', 'b', 'c') }}\n" }, code: "TSDBT-E012", file: "models/orders.sql", line: 2 },
  { id: "source() of an undeclared source", files: { "models/orders.sql": "select *\nfrom {{ source('raw', 'orders') }}\n" }, code: "TSDBT-E014", file: "models/orders.sql", line: 2 },
  { id: "a cycle of two models", files: { "models/orders.sql": "select * from {{ ref('customers') }}\n", "models/customers.sql": "select * from {{ ref('orders') }}\n" }, code: "TSDBT-E013", file: "models/customers.sql", line: 1 },
  { id: "two models with one name", files: { "models/staging/orders.sql": "select 2 as x\n" }, code: "TSDBT-E015", file: "models/staging/orders.sql", line: 1 },
  { id: "ref() to a disabled model", files: { "models/customers.sql": "{{ config(enabled=false) }}\nselect 1 as id\n" }, code: "TSDBT-E016", file: "models/customer_orders.sql", line: 2 },
  { id: "one macro defined twice", files: { "macros/twice.sql": "{% macro cents_to_dollars(col) %}{{ col }}{% endmacro %}\n" }, code: "TSDBT-E017", file: "macros/twice.sql", line: 1 },
  { id: "var() with no value and no default", files: { "models/orders.sql": "select {{ var('start_date') }} as d\n" }, code: "TSDBT-E008", file: "models/orders.sql", line: 1 },
  { id: "env_var() of an unset variable in a model", files: { "models/orders.sql": "select '{{ env_var(\"TSDBT_BAD_INPUT_UNSET\") }}' as v\n" }, code: "TSDBT-E004", file: "models/orders.sql", line: 1 },
  { id: "a DBT_ENV_SECRET variable in a model", files: { "models/orders.sql": "select '{{ env_var(\"DBT_ENV_SECRET_BAD_INPUT\") }}' as v\n" }, env: { DBT_ENV_SECRET_BAD_INPUT: "hunter2" }, code: "TSDBT-E027", file: "models/orders.sql", line: 1 },
  { id: "exceptions.raise_compiler_error at parse", files: { "models/orders.sql": "select 1 as id\n{{ exceptions.raise_compiler_error('stop here') }}\n" }, code: "TSDBT-E030", file: "models/orders.sql", line: 2 },
  { id: "config('table'): a positional value", files: { "models/orders.sql": "{{ config('table') }}\nselect 1 as order_id\n" }, code: "TSDBT-E032", file: "models/orders.sql", line: 1, col: 10 },
  { id: "config() with two positional values", files: { "models/orders.sql": "{{ config({'a': 1}, {'b': 2}) }}\nselect 1 as order_id\n" }, code: "TSDBT-E032", file: "models/orders.sql", line: 1 },
  { id: "config() with a dictionary and keywords", files: { "models/orders.sql": "select 1 as order_id\n{{ config({'materialized': 'table'}, tags=['x']) }}\n" }, code: "TSDBT-E032", file: "models/orders.sql", line: 2 },
  { id: "config() with a list", files: { "models/orders.sql": "{{ config(['table']) }}\nselect 1 as order_id\n" }, code: "TSDBT-E032", file: "models/orders.sql", line: 1 },
];

const fileCases: BadInputCase[] = [
  { id: "a 0-byte seed", files: SEED(""), argv: ["seed"], code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "a seed of blank lines", files: SEED("\n\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "a seed whose first line is blank", files: SEED("\nid,name\n1,a\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "a seed header with an empty column name", files: SEED("id,,name\n1,2,3\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1, col: 4 },
  { id: "a seed header ending with a delimiter", files: SEED("id,name,\n1,a,\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "a seed with a duplicated header", files: SEED("id,id\n1,2\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1, col: 4 },
  { id: "a seed header duplicated in another case", files: SEED("Id,name,ID\n1,a,2\n"), code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "a seed with a semicolon delimiter and a duplicated header", files: { ...SEED("a;a\n1;2\n"), "seeds/props.yml": "version: 2\nseeds:\n  - name: s\n    config:\n      delimiter: ';'\n" }, code: "TSDBT-E064", file: "seeds/s.csv", line: 1 },
  { id: "NUL bytes in a model", files: { "models/orders.sql": "select 1 as order_id,\n  2 as \u0000customer_id\n" }, code: "TSDBT-E065", file: "models/orders.sql", line: 2, col: 8 },
  { id: "a model saved as UTF-16", files: { "models/orders.sql": Buffer.from("select 1 as order_id\n", "utf16le").toString("latin1") }, code: "TSDBT-E065", file: "models/orders.sql", line: 1, col: 2 },
  { id: "NUL bytes in a macro", files: { "macros/m.sql": "{% macro m() %}\u0000{% endmacro %}\n" }, code: "TSDBT-E065", file: "macros/m.sql", line: 1, col: 16 },
  { id: "NUL bytes in a singular test", files: { "tests/t.sql": "select 1\nwhere \u0000\n" }, code: "TSDBT-E065", file: "tests/t.sql", line: 2 },
  { id: "NUL bytes in a docs file", files: { "models/docs.md": "{% docs d %}\n\u0000\n{% enddocs %}\n" }, code: "TSDBT-E065", file: "models/docs.md", line: 2 },
  { id: "a model name longer than 63 bytes on PostgreSQL", files: { ...profiles(POSTGRES_LINES), [`models/${"m".repeat(64)}.sql`]: "select 1 as x\n" }, code: "TSDBT-E070", file: `models/${"m".repeat(64)}.sql`, line: 1 },
];

const commandLineCases: BadInputCase[] = [
  { id: "-s 'config.'", files: {}, argv: ["build", "-s", "config."], code: "TSDBT-E021", file: null, line: null },
  { id: "-s '++x'", files: {}, argv: ["build", "-s", "++customers"], code: "TSDBT-E021", file: null, line: null },
  { id: "-s 'x++'", files: {}, argv: ["build", "-s", "customers++"], code: "TSDBT-E021", file: null, line: null },
  { id: "-s 'staging..orders'", files: {}, argv: ["build", "-s", "staging..orders"], code: "TSDBT-E021", file: null, line: null },
  { id: "-s 'foo:bar' (unknown method)", files: {}, argv: ["build", "-s", "foo:bar"], code: "TSDBT-E021", file: null, line: null },
  { id: "-s 'config:table' (config without a key)", files: {}, argv: ["build", "-s", "config:table"], code: "TSDBT-E021", file: null, line: null },
  { id: "-s '@+x' (@ and + together)", files: {}, argv: ["build", "-s", "@+customers"], code: "TSDBT-E021", file: null, line: null },
  { id: "--selector that selectors.yml does not define", files: {}, argv: ["build", "--selector", "nightly"], code: "TSDBT-E021", file: null, line: null },
  { id: "selectors.yml with invalid YAML", files: { "selectors.yml": "selectors:\n  - name: x\n    definition: [\n" }, argv: ["build", "--selector", "x"], code: "TSDBT-E001", file: "selectors.yml", line: 4 },
  { id: "-s state:modified without --state", files: {}, argv: ["build", "-s", "state:modified"], code: "TSDBT-E020", file: null, line: null },
  { id: "--state pointing at an empty folder", files: { "empty/.keep": "" }, argv: ["build", "-s", "state:modified", "--state", "empty"], code: "TSDBT-E025", file: "empty/manifest.json", line: null },
  { id: "--vars that is not a mapping", files: {}, argv: ["build", "--vars", "[1, 2]"], code: "TSDBT-E007", file: null, line: null },
  { id: "--vars that is not YAML", files: {}, argv: ["build", "--vars", "{a: [}"], code: "TSDBT-E007", file: null, line: null },
  { id: "an unknown command", files: {}, argv: ["buld"], code: "TSDBT-E000", file: null, line: null },
  { id: "an unknown flag", files: {}, argv: ["build", "--no-such-flag"], code: "TSDBT-E000", file: null, line: null },
  { id: "--defer without --state", files: {}, argv: ["build", "--defer"], code: "TSDBT-E093", file: null, line: null },
  { id: "run-operation of a macro nobody defines", files: {}, argv: ["run-operation", "no_such_macro"], code: "TSDBT-E053", file: null, line: null },
  { id: "run-operation --args that is not a mapping", files: {}, argv: ["run-operation", "cents_to_dollars", "--args", "[1]"], code: "TSDBT-E054", file: null, line: null },
  { id: "show selecting nothing", files: {}, argv: ["show", "-s", "tag:none"], code: "TSDBT-E052", file: null, line: null },
  { id: "retry with no earlier run", files: {}, argv: ["retry"], code: "TSDBT-E055", file: null, line: null },
];

const profileCases: BadInputCase[] = [
  { id: "the profile is not defined", files: { "profiles.yml": "other:\n  target: dev\n  outputs:\n    dev: {type: duckdb}\n" }, code: "TSDBT-E005", file: "profiles.yml", line: 1 },
  { id: "--target names no target", files: {}, argv: ["build", "--target", "prod"], code: "TSDBT-E006", file: "profiles.yml", line: 2 },
  { id: "profiles.yml with invalid YAML", files: { "profiles.yml": "fixture:\n  target: dev\n  outputs: [\n" }, code: "TSDBT-E001", file: "profiles.yml", line: 4 },
  { id: "a target without type", files: profiles(["path: target/t.duckdb"]), code: "TSDBT-E003", file: "profiles.yml", line: 5 },
  { id: "threads: many", files: profiles(["type: duckdb", "path: target/t.duckdb", "threads: many"]), code: "TSDBT-E003", file: "profiles.yml", line: 7 },
  { id: "threads: 0", files: profiles(["type: duckdb", "path: target/t.duckdb", "threads: 0"]), code: "TSDBT-E003", file: "profiles.yml", line: 7 },
  { id: "type: duckdbb (misspelt)", files: profiles(["type: duckdbb", "schema: main"]), code: "TSDBT-E040", file: null, line: null },
  { id: "a DuckDB path under a missing folder outside the project", files: profiles(["type: duckdb", `path: ${path.join(MISSING_FOLDER, "sub", "t.duckdb")}`]), code: "TSDBT-E042", file: "profiles.yml", line: 6 },
  { id: "a DuckDB attach that is not a list", files: profiles(["type: duckdb", "path: target/t.duckdb", "attach: other.duckdb"]), code: "TSDBT-E042", file: "profiles.yml", line: 7 },
  { id: "a DuckDB database that matches no file", files: profiles(["type: duckdb", "path: target/t.duckdb", "database: prod"]), code: "TSDBT-E042", file: "profiles.yml", line: 7 },
  { id: "PostgreSQL port: 99999", files: profiles(POSTGRES_LINES.map((l) => (l.startsWith("port:") ? "port: 99999" : l))), code: "TSDBT-E100", file: "profiles.yml", line: 7 },
  { id: "PostgreSQL port: five", files: profiles(POSTGRES_LINES.map((l) => (l.startsWith("port:") ? "port: five" : l))), code: "TSDBT-E100", file: "profiles.yml", line: 7 },
  { id: "PostgreSQL password as a list", files: profiles(POSTGRES_LINES.map((l) => (l.startsWith("password:") ? "password: [CANARY_IN_A_LIST, x]" : l))), code: "TSDBT-E100", file: "profiles.yml", line: 9 },
  { id: "PostgreSQL without dbname", files: profiles(POSTGRES_LINES.filter((l) => !l.startsWith("dbname:"))), code: "TSDBT-E100", file: "profiles.yml", line: 4 },
  { id: "PostgreSQL sslmode: sometimes", files: profiles([...POSTGRES_LINES, "sslmode: sometimes"]), code: "TSDBT-E100", file: "profiles.yml", line: 13 },
  { id: "an env_var() of an unset variable in the profile", files: profiles(["type: duckdb", "path: \"{{ env_var('TSDBT_BAD_INPUT_UNSET') }}\""]), code: "TSDBT-E004", file: "profiles.yml", line: 6 },
];

/** Every hand-written case. */
export const PROJECT_CASES: BadInputCase[] = [...yamlCases, ...propertyCases, ...jinjaCases, ...fileCases, ...commandLineCases, ...profileCases];
