/**
 * The bad-input corpus (issue 13): over 200 broken projects and command lines, each a small
 * mutation of the fixture project (cases in test/bad-input/). Every case runs through the public
 * Node API on a project whose DuckDB file already holds a good build, and must:
 * - exit with the case's code (2: refused before anything runs), with no stack trace and no internal error;
 * - report the case's error code, at the case's file and line (and column where the case gives one), with a hint;
 * - leave the warehouse untouched: the DuckDB file byte for byte, and no other DuckDB file created.
 * Figures (cases, coded, located, …) are printed at the end for docs/reliability.md.
 * Needs the built CLI: `npx tsc --build packages/cli`.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DUCKDB_FILE, makeProject, removeAllProjects, runApi, stackFrames, type FixtureProject } from "./helpers/fixture-project";
import type { BadInputCase } from "./bad-input/bad-input-case";
import { CONFIG_TYPE_CASES } from "./bad-input/config-type-cases";
import { MISSING_FOLDER, PROJECT_CASES } from "./bad-input/project-cases";

const CASES: BadInputCase[] = [...PROJECT_CASES, ...CONFIG_TYPE_CASES];

let warehouse: Buffer;
const figures = { cases: 0, exitAsExpected: 0, coded: 0, located: 0, stackTraces: 0, internalErrors: 0, hangs: 0, warehouseWrites: 0 };

beforeAll(async () => {
  // one good build: the warehouse every case starts from
  const good = makeProject();
  const run = await runApi(["build"], { project: good });
  expect(run.exitCode).toBe(0);
  warehouse = fs.readFileSync(good.file(DUCKDB_FILE));
}, 120_000);

afterAll(() => {
  removeAllProjects();
  if (figures.cases === CASES.length) process.stdout.write(`bad-input corpus figures: ${JSON.stringify(figures)}\n`);
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** DuckDB files (and their WALs) anywhere under the project, relative paths. */
function duckdbFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) duckdbFiles(full, base, out);
    else if (/\.(duckdb|db)(\.wal)?$/.test(e.name)) out.push(path.relative(base, full));
  }
  return out.sort();
}

function expectedFile(c: BadInputCase, p: FixtureProject): string | undefined {
  if (c.file === null) return undefined;
  return c.file === "profiles.yml" ? p.file("profiles.yml") : c.file;
}

test("the corpus holds at least 200 cases with unique ids", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(200);
  expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
});

describe.each(CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
  test(`exits ${c.exit ?? 2} with ${c.code} at ${c.file ?? "(no file)"}:${c.line ?? "-"}, warehouse untouched`, async () => {
    figures.cases++;
    const p = makeProject(c.files);
    fs.mkdirSync(path.dirname(p.file(DUCKDB_FILE)), { recursive: true });
    fs.writeFileSync(p.file(DUCKDB_FILE), warehouse);
    const before = sha(warehouse);
    const started = Date.now();
    const run = await runApi(c.argv ?? ["build"], { project: p, env: c.env });
    if (Date.now() - started > 20_000) figures.hangs++;
    const frames = stackFrames(run.output);
    if (frames.length > 0) figures.stackTraces++;
    if (/Internal error|TSDBT-E999/.test(run.output)) figures.internalErrors++;
    const d = run.diagnostics.find((x) => x.code === c.code);
    if (run.exitCode === (c.exit ?? 2)) figures.exitAsExpected++;
    if (d) figures.coded++;
    if (d && d.file === expectedFile(c, p) && (d.line ?? null) === (c.line ?? null)) figures.located++;
    const untouched = fs.existsSync(p.file(DUCKDB_FILE)) && sha(fs.readFileSync(p.file(DUCKDB_FILE))) === before && duckdbFiles(p.dir).join() === DUCKDB_FILE && !fs.existsSync(MISSING_FOLDER);
    if (!untouched) figures.warehouseWrites++;

    expect({ exit: run.exitCode, codes: run.diagnostics.map((x) => x.code) }).toMatchObject({ exit: c.exit ?? 2, codes: expect.arrayContaining([c.code]) });
    expect(frames).toEqual([]);
    expect(run.output).not.toMatch(/Internal error|TSDBT-E999|Cannot read propert|is not a function|undefined is not/);
    expect({ file: d!.file, line: d!.line ?? null }).toEqual({ file: expectedFile(c, p), line: c.line });
    if (c.col !== undefined) expect(d!.col).toBe(c.col);
    if (c.hint !== false) expect(d!.hint ?? "").not.toBe("");
    expect(untouched).toBe(true);
  });
});

test("a file broken after a good parse is refused by the partial parse too (NUL bytes, config type, seed header)", async () => {
  const p = makeProject();
  expect((await runApi(["parse"], { project: p })).exitCode).toBe(0);
  for (const [files, code, file] of [
    [{ "models/orders.sql": "select 1 as order_id,\n  \u0000 1 as customer_id\n" }, "TSDBT-E065", "models/orders.sql"],
    [{ "models/orders.sql": "{{ config(full_refresh='yes please') }}\nselect 1 as order_id, 1 as customer_id\n" }, "TSDBT-E028", "models/orders.sql"],
    [{ "models/orders.sql": "select 10 as order_id, 1 as customer_id\n", "seeds/s.csv": "a,a\n1,2\n" }, "TSDBT-E064", "seeds/s.csv"],
  ] as const) {
    p.write(files);
    const run = await runApi(["parse"], { project: p });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics.find((d) => d.code === code)).toMatchObject({ file });
  }
});
