/**
 * The shape of one bad-input case: a small mutation of the fixture project (test/helpers/fixture-project.ts)
 * and what tsdbt must answer. Cases are data; test/bad-input-corpus.test.ts runs them all.
 */
export interface BadInputCase {
  /** Unique, says what is broken. */
  id: string;
  /** Files to write over the fixture (null deletes one). `PROFILES` in a value is not expanded. */
  files: Record<string, string | null>;
  /** The command (default `build`); `--project-dir`/`--profiles-dir` are added. */
  argv?: string[];
  /** Environment variables for the run. */
  env?: Record<string, string>;
  /** The code the run must report. */
  code: string;
  /** Exit code (default 2). */
  exit?: number;
  /**
   * The file the diagnostic names: a project-relative path, `profiles.yml` for the profile (its full
   * path is checked), or null for a command-line problem that has no file.
   */
  file: string | null;
  /** The 1-based line; null for a diagnostic without a line (command line, a missing file). */
  line: number | null;
  /** The 1-based column, where the case pins it. */
  col?: number;
  /** Whether a hint is required (default true). */
  hint?: boolean;
}

/** The fixture's dbt_project.yml (6 lines) followed by `extra`: `extra`'s first line is line 7. */
export const PROJECT_HEAD = ["name: fixture", "version: '1.0.0'", "config-version: 2", "profile: fixture", 'model-paths: ["models"]', 'macro-paths: ["macros"]', ""].join("\n");

/** dbt_project.yml with `extra` appended (its first line is line 7). */
export const project = (extra: string): Record<string, string> => ({ "dbt_project.yml": PROJECT_HEAD + extra });

/** A profiles.yml whose dev target has `lines` (each indented under the target, from line 5 on). */
export function profiles(lines: string[]): Record<string, string> {
  return { "profiles.yml": ["fixture:", "  target: dev", "  outputs:", "    dev:", ...lines.map((l) => `      ${l}`), ""].join("\n") };
}

/** A PostgreSQL target that parse never connects to (the values are only read). */
export const POSTGRES_LINES = ["type: postgres", "host: 127.0.0.1", "port: 5432", "user: postgres", "password: not-used", "dbname: test", "schema: bad_input", "threads: 1"];
