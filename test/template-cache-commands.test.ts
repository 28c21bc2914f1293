/**
 * Templates first compiled after the parse (a generic test's code: the parse builds tests without
 * rendering them) reach target/tsdbt_template_cache.json at the end of `compile` and `run`, so the
 * next process finds their code; a command that compiled nothing new leaves the file alone.
 */
import * as fs from "node:fs";
import { afterAll, expect, it } from "@jest/globals";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(removeAllProjects);

const CACHE = "target/tsdbt_template_cache.json";
const entries = (file: string) => Object.keys((JSON.parse(fs.readFileSync(file, "utf8")) as { index: Record<string, [number, number]> }).index);

it("keeps the code of templates compiled by compile and by build, and rewrites nothing when none is new", async () => {
  const p = makeProject();
  expect((await runApi(["parse"], { project: p })).exitCode).toBe(0);
  const afterParse = entries(p.file(CACHE));
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  const afterCompile = entries(p.file(CACHE));
  expect(afterCompile.length).toBeGreaterThan(afterParse.length);
  expect(afterCompile).toEqual(expect.arrayContaining(afterParse));
  const written = fs.statSync(p.file(CACHE)).mtimeMs;
  expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
  expect(fs.statSync(p.file(CACHE)).mtimeMs).toBe(written);
  // build's templates (materializations, test wrappers) are kept too
  expect((await runApi(["build"], { project: p })).exitCode).toBe(0);
  expect(entries(p.file(CACHE)).length).toBeGreaterThan(afterCompile.length);
});
