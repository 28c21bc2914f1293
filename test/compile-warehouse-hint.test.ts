/**
 * `compile` notes in target/tsdbt_compile.json whether its templates queried the warehouse, and the
 * next compile then starts the adapter worker while the project parses: the compiled SQL is the
 * same either way, and a project that stops querying the warehouse clears the note.
 */
import * as fs from "node:fs";
import { afterAll, expect, it } from "@jest/globals";
import { DUCKDB_FILE, makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(removeAllProjects);

const hint = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);

it("notes that templates queried the warehouse, compiles the same with the worker started early, and clears the note", async () => {
  const p = makeProject({ "models/counted.sql": "{% if execute %}{% set n = run_query('select 41 + 1 as n').columns[0].values()[0] %}{% endif %}select {{ n }} as n\n" });
  const compiled = () => fs.readFileSync(p.file("target/compiled/fixture/models/counted.sql"), "utf8");
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  expect(hint(p.file("target/tsdbt_compile.json"))).toEqual({ warehouse: true });
  expect(compiled()).toBe("select 42 as n");
  p.write({ "models/counted.sql": "{% if execute %}{% set n = run_query('select 6 * 7 as n').columns[0].values()[0] %}{% endif %}select {{ n }} as m\n" });
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  expect(compiled()).toBe("select 42 as m");
  p.write({ "models/counted.sql": "select 42 as n\n" });
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  expect(hint(p.file("target/tsdbt_compile.json"))).toEqual({ warehouse: false });
});

it("writes no note when no template queried the warehouse, and opens nothing", async () => {
  const p = makeProject();
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  expect(fs.existsSync(p.file("target/tsdbt_compile.json"))).toBe(false);
  expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
});

it("never reaches the warehouse when a project with the note fails to parse", async () => {
  const p = makeProject({ "models/counted.sql": "{% do run_query('select 1') %}select 1 as n\n" });
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  fs.rmSync(p.file(DUCKDB_FILE));
  p.write({ "models/broken.sql": "select * from {{ ref('missing') }}\n" });
  const r = await runApi(["compile"], { project: p });
  expect(r.exitCode).toBe(2);
  expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
});
