import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { CliArgs } from "../args";

/**
 * Where this invocation's dbt.log goes, as dbt decides it: `--log-path` / DBT_LOG_PATH (relative to
 * the working directory), else dbt_project.yml's `log-path` (relative to the project), else
 * `<project>/logs`.
 */
export function logFilePath(args: Pick<CliArgs, "logPath" | "projectDir">, cwd: string): string {
  if (args.logPath) return path.resolve(cwd, args.logPath, "dbt.log");
  const projectDir = path.resolve(cwd, args.projectDir);
  return path.join(projectDir, projectLogPath(projectDir) ?? "logs", "dbt.log");
}

/** dbt_project.yml's top-level `log-path`, read without parsing the whole file (it is a plain scalar). */
function projectLogPath(projectDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(projectDir, "dbt_project.yml"), "utf8");
  } catch {
    return undefined;
  }
  const m = /^log-path:[ \t]*["']?([^"'#\r\n]+?)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return m ? m[1] : undefined;
}
