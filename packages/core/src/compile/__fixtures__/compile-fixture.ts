import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject, type ParsedProject } from "../../parse/parse-project";
import { compileProject } from "../compile-project";

/** A PostgreSQL profile named `eph` (compile connects to nothing unless a template queries). */
export const POSTGRES_PROFILE = "eph:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: lead_eph\n";

/**
 * Copies a golden fixture project (its `expected/` holds dbt-core's compiled files) to a temp dir
 * with the given profile, parses and compiles it, writing target/compiled; `done` removes the copy.
 */
export async function compileFixture(fixture: string, profile: string): Promise<{ dir: string; parsed: ParsedProject; expected: (file: string) => string; done: () => void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-golden-"));
  fs.cpSync(fixture, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "profiles.yml"), profile);
  const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
  await compileProject(parsed, { write: true });
  return {
    dir,
    parsed,
    expected: (file) => fs.readFileSync(path.join(fixture, "expected", file), "utf8"),
    done: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
