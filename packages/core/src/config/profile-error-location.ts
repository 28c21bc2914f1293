import * as fs from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { DiagnosticError } from "../diagnostics/diagnostic";
import { parseYaml } from "../yaml/parse-yaml";
import type { LoadedProfile } from "./load-profile";
import { maskProfileLine } from "./load-profile";

/**
 * Runs `read` (an adapter reading its profile target) and turns a coded adapter error into a
 * diagnostic located in profiles.yml: at the key the message names ("the postgres target's
 * port …"), else at the target. The line is shown with its value masked.
 */
export function withProfileLocation<T>(profile: LoadedProfile, read: () => T): T {
  try {
    return read();
  } catch (e) {
    const err = e as { code?: unknown; message?: string; hint?: string };
    if (typeof err?.code !== "string" || !err.code.startsWith("TSDBT-") || e instanceof DiagnosticError) throw e;
    const d: Diagnostic = { code: err.code, severity: "error", message: err.message ?? String(e), file: profile.file };
    if (err.hint) d.hint = err.hint;
    try {
      const parsed = parseYaml(fs.readFileSync(profile.file, "utf8"), profile.file);
      const key = /target's `?(\w+)/.exec(d.message)?.[1];
      const base = [profile.profileName, "outputs", profile.targetName];
      const at = (key && parsed.locateValue([...base, key])) || parsed.locate(base);
      if (at) Object.assign(d, { line: at.line, col: at.col, snippet: maskProfileLine(parsed.lineText(at.line)) });
    } catch {
      // the file was readable a moment ago; without it the diagnostic names the file only
    }
    throw new DiagnosticError([d]);
  }
}
