import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Writes a project named `mini` (DuckDB profile) plus `files` into a new temp dir; returns the dir. */
export function writeMiniProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-mini-"));
  const base: Record<string, string> = {
    "dbt_project.yml": "name: mini\nprofile: mini\n",
    "profiles.yml": "mini:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/mini.duckdb\n      schema: main\n",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
