import type { Diagnostic } from "../diagnostics/diagnostic";
import type { MacroDefinition } from "../manifest/types";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { PropertiesFile } from "./properties";
import { asList, asRecord, strOrNull } from "./semantic/yaml-resource";

/**
 * Applies the `macros:` entries of properties files to the macros of the same package:
 * description, arguments (`{name, type, description}`), meta, docs and patch_path. Returns a
 * new macros record (the parsed macros are shared with the render session and left as they are);
 * an entry naming no macro of its package is reported (TSDBT-W010) and ignored.
 */
export function patchMacros(macros: Record<string, MacroDefinition>, files: PropertiesFile[], diagnostics: Diagnostic[]): Record<string, MacroDefinition> {
  let patched: Record<string, MacroDefinition> | undefined;
  for (const file of files) {
    const list = asRecord(file.parsed.value).macros;
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const entry = asRecord(item);
      if (typeof entry.name !== "string") return;
      const id = `macro.${file.packageName}.${entry.name}`;
      const macro = macros[id];
      if (!macro) {
        diagnostics.push(diagnosticAt(file.parsed, ["macros", i], { code: "TSDBT-W010", severity: "warn", message: `${file.parsed.file} describes macro '${entry.name}', which does not exist in package '${file.packageName}'; the entry is ignored.`, hint: "Check the name against the macros under macro-paths." }));
        return;
      }
      patched ??= { ...macros };
      const docs = asRecord(entry.docs);
      patched[id] = {
        ...macro,
        description: strOrNull(entry.description) ?? macro.description,
        arguments: asList(entry.arguments).map((a) => {
          const arg = asRecord(a);
          return { name: String(arg.name), type: strOrNull(arg.type), description: strOrNull(arg.description) ?? "" };
        }),
        meta: { ...asRecord(entry.meta), ...asRecord(asRecord(entry.config).meta) },
        docs: { show: docs.show !== false, node_color: strOrNull(docs.node_color) },
        patch_path: `${file.packageName}://${file.parsed.file}`,
      };
    });
  }
  return patched ?? macros;
}
