import type { Diagnostic } from "../diagnostics/diagnostic";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { ParsedYaml } from "../yaml/parse-yaml";

/**
 * Calls `visit` for each entry of a properties file's section (`models:`, `metrics:`…) that has a
 * name. A section that is not a list (TSDBT-E018) and an entry without a name (TSDBT-E019) are
 * reported at their location and skipped.
 */
export function forEachNamedEntry(
  parsed: ParsedYaml,
  doc: Record<string, unknown>,
  section: string,
  diagnostics: Diagnostic[],
  visit: (entry: Record<string, unknown> & { name: string }, index: number) => void,
): void {
  const list = doc[section];
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    diagnostics.push(diagnosticAt(parsed, [section], { code: "TSDBT-E018", message: `'${section}' in ${parsed.file} must be a list of entries.`, hint: `Write each entry as '- name: …' under '${section}:'.` }));
    return;
  }
  list.forEach((item, i) => {
    const entry = item !== null && typeof item === "object" && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    if (typeof entry.name !== "string") {
      diagnostics.push(diagnosticAt(parsed, [section, i], { code: "TSDBT-E019", message: `An entry under '${section}' in ${parsed.file} has no name.`, hint: "Add 'name: <resource name>' to the entry." }));
      return;
    }
    visit(entry as Record<string, unknown> & { name: string }, i);
  });
}
