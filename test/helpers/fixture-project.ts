/**
 * End-to-end helpers: a minimal dbt project written from code into a temp dir, and two ways to
 * run the CLI on it — the public Node API (`invoke` from the `tsdbt` package, i.e. packages/cli/dist;
 * build it first with `npx tsc --build packages/cli`) and the real `tsdbt` binary in a child process.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Monorepo root (this file lives in test/helpers). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The real `tsdbt` bin script. */
export const BIN = path.join(REPO_ROOT, "packages", "cli", "bin", "tsdbt.js");

/** Name of the fixture's project, profile and DuckDB file. */
export const PROJECT_NAME = "fixture";
export const DUCKDB_FILE = path.join("target", "t.duckdb");

/** The files of the minimal project, path → content (a `null` in overrides deletes a file). */
export const BASE_FILES: Record<string, string> = {
  "dbt_project.yml": [
    `name: ${PROJECT_NAME}`,
    "version: '1.0.0'",
    "config-version: 2",
    `profile: ${PROJECT_NAME}`,
    'model-paths: ["models"]',
    'macro-paths: ["macros"]',
    "",
  ].join("\n"),
  "profiles.yml": [
    `${PROJECT_NAME}:`,
    "  target: dev",
    "  outputs:",
    "    dev:",
    "      type: duckdb",
    `      path: ${DUCKDB_FILE}`,
    "      threads: 1",
    "",
  ].join("\n"),
  "models/customers.sql": "select 1 as id, 'ann' as name\n",
  "models/orders.sql": "select 10 as order_id, 1 as customer_id\n",
  "models/customer_orders.sql": [
    "select c.id, count(o.order_id) as n",
    "from {{ ref('customers') }} c",
    "left join {{ ref('orders') }} o on o.customer_id = c.id",
    "group by c.id",
    "",
  ].join("\n"),
  "models/schema.yml": [
    "version: 2",
    "models:",
    "  - name: customers",
    "    columns:",
    "      - name: id",
    "        data_tests: [unique, not_null]",
    "",
  ].join("\n"),
  "macros/cents_to_dollars.sql": "{% macro cents_to_dollars(col) %}({{ col }} / 100.0){% endmacro %}\n",
};

/** A fixture project on disk. */
export interface FixtureProject {
  dir: string;
  /** Writes (or, with null, deletes) files relative to the project dir. */
  write(files: Record<string, string | null>): void;
  /** Absolute path of a file in the project. */
  file(rel: string): string;
  remove(): void;
}

const created: string[] = [];

/** Writes the minimal project plus `overrides` into a new temp dir. */
export function makeProject(overrides: Record<string, string | null> = {}): FixtureProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-e2e-"));
  created.push(dir);
  const project: FixtureProject = {
    dir,
    file: (rel) => path.join(dir, rel),
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        const abs = path.join(dir, rel);
        if (content === null) {
          fs.rmSync(abs, { force: true });
          continue;
        }
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, content);
      }
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  project.write({ ...BASE_FILES, ...overrides });
  return project;
}

/** Removes every project made by {@link makeProject} (call from afterAll). */
export function removeAllProjects(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A diagnostic as the Node API returns it. */
export interface ApiDiagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  hint?: string;
  nodeId?: string;
}

/** What {@link runApi} gives back. */
export interface ApiRun {
  exitCode: number;
  diagnostics: ApiDiagnostic[];
  stdout: string;
  stderr: string;
  /** stdout and stderr together, in order. */
  output: string;
  result?: unknown;
}

/** Environment of a run: the test process's, minus DBT_* variables that would change what is read. */
function baseEnv(extra: Record<string, string | undefined>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("DBT_") || k.startsWith("TSDBT_")) delete env[k];
  return { ...env, ...extra };
}

/**
 * Runs the CLI in-process through the public Node API. `--project-dir` and `--profiles-dir`
 * default to the project's dir (pass `projectFlags: false` to give them yourself).
 */
export async function runApi(argv: string[], opts: { project?: FixtureProject; env?: Record<string, string | undefined>; projectFlags?: boolean } = {}): Promise<ApiRun> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const flags = opts.project && opts.projectFlags !== false ? ["--project-dir", opts.project.dir, "--profiles-dir", opts.project.dir] : [];
  const r = await invoke([...argv, ...flags], {
    cwd: opts.project?.dir,
    env: baseEnv(opts.env ?? {}),
    write: (line, stream) => {
      (stream === "stdout" ? out : err).push(line);
      all.push(line);
    },
  });
  return { exitCode: r.exitCode, diagnostics: (r.diagnostics ?? []) as ApiDiagnostic[], stdout: out.join("\n"), stderr: err.join("\n"), output: all.join("\n"), result: r.result };
}

/** What {@link runBin} gives back. */
export interface BinRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the real `tsdbt` binary (`node packages/cli/bin/tsdbt.js …`) and collects its output. */
export function runBin(argv: string[], opts: { project?: FixtureProject; env?: Record<string, string | undefined>; projectFlags?: boolean; timeoutMs?: number; cwd?: string } = {}): Promise<BinRun> {
  const flags = opts.project && opts.projectFlags !== false ? ["--project-dir", opts.project.dir, "--profiles-dir", opts.project.dir] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv, ...flags], {
      cwd: opts.cwd ?? opts.project?.dir ?? REPO_ROOT,
      env: baseEnv(opts.env ?? {}) as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code, signal, stdout, stderr });
    });
  });
}

/** Lines that look like a JavaScript stack frame ("    at fn (file:1:2)"). */
export function stackFrames(text: string): string[] {
  return text.split("\n").filter((l) => /^\s+at\s.+(\(|:\d+)/.test(l));
}

/**
 * Tables and views in the fixture's DuckDB file (empty when the file does not exist).
 * Opens the file read-only with @duckdb/node-api, outside tsdbt.
 */
export async function warehouseRelations(project: FixtureProject): Promise<string[]> {
  const file = project.file(DUCKDB_FILE);
  if (!fs.existsSync(file)) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require("@duckdb/node-api") as typeof import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll("select table_schema || '.' || table_name from information_schema.tables where table_catalog = current_database() order by 1");
    return reader.getRows().map((r) => String(r[0]));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
