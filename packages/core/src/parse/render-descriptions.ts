import { hostFunction } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { DocDefinition, MacroDefinition, ManifestNode, SourceDefinition } from "../manifest/types";
import type { RenderSession } from "../context/node-context";
import { CompilerError } from "../context/compiler-error";
import { didYouMean } from "../diagnostics/closest-names";
import { renderErrorToDiagnostic } from "./render-diagnostic";
import { lineText, positionAt } from "./source-position";

/** Renders one description of a properties file, pushing the ids of the docs blocks it uses onto `used` (dbt's `doc_blocks`). */
type DescriptionRender = (text: string, pkg: string, file: string, used?: string[]) => string;

function descriptionRenderer(docs: Record<string, DocDefinition>, session: RenderSession, diagnostics: Diagnostic[], readFile: (file: string) => string | undefined): DescriptionRender {
  const byName = new Map<string, DocDefinition>();
  for (const d of Object.values(docs)) byName.set(`${d.package_name}.${d.name}`, d);
  return (text, pkg, file, used = []) => {
    if (!text.includes("{")) return text;
    const ctx = Object.create(session.base) as Record<string, unknown>;
    ctx.doc = hostFunction((args) => {
      const [a, b] = args.map(String);
      const key = b === undefined ? `${pkg}.${a}` : `${a}.${b}`;
      const found = byName.get(key) ?? (b === undefined ? [...byName.values()].find((d) => d.name === a) : undefined);
      if (!found) throw new CompilerError("TSDBT-E024", `Documentation block '${b ?? a}' was not found.`, didYouMean(b ?? a, [...byName.values()].map((d) => d.name)) ?? "Define it with {% docs name %}…{% enddocs %} in a .md file.");
      if (!used.includes(found.unique_id)) used.push(found.unique_id);
      return found.block_contents;
    });
    try {
      return session.env.render(text, ctx, { file });
    } catch (e) {
      diagnostics.push(locateInFile(renderErrorToDiagnostic(e, file, undefined, () => []), text, readFile(file)));
      return text;
    }
  };
}

/**
 * Renders `{{ doc('name') }}` (and other Jinja) in descriptions of nodes, columns and sources,
 * as dbt does when it reads properties files. `readFile` (a properties file's text by its
 * project-relative name) lets an error point at the line of the YAML file rather than the line
 * within the description.
 */
export function renderDescriptions(
  nodes: ManifestNode[],
  sources: Record<string, SourceDefinition>,
  docs: Record<string, DocDefinition>,
  session: RenderSession,
  diagnostics: Diagnostic[],
  readFile: (file: string) => string | undefined = () => undefined,
): void {
  const render = descriptionRenderer(docs, session, diagnostics, readFile);
  for (const n of nodes) {
    const file = n.patch_path?.replace(/^[^:]+:\/\//, "") ?? n.original_file_path;
    n.doc_blocks = [];
    n.description = render(n.description, n.package_name, file, n.doc_blocks);
    for (const c of Object.values(n.columns)) c.description = render(c.description, n.package_name, file, (c.doc_blocks = []));
  }
  for (const s of Object.values(sources)) {
    const source = s as SourceDefinition & { doc_blocks?: string[] };
    source.doc_blocks = [];
    s.description = render(s.description, s.package_name, s.original_file_path, source.doc_blocks);
    s.source_description = render(s.source_description, s.package_name, s.original_file_path);
    for (const c of Object.values(s.columns)) c.description = render(c.description, s.package_name, s.original_file_path, (c.doc_blocks = []));
  }
}

/** Renders the descriptions of macros (and of their arguments) their properties files give, as dbt does (`{{ doc('name') }}`). */
export function renderMacroDescriptions(
  macros: Record<string, MacroDefinition>,
  docs: Record<string, DocDefinition>,
  session: RenderSession,
  diagnostics: Diagnostic[],
  readFile: (file: string) => string | undefined = () => undefined,
): void {
  const render = descriptionRenderer(docs, session, diagnostics, readFile);
  for (const m of Object.values(macros)) {
    if (!m.patch_path) continue;
    const file = m.patch_path.replace(/^[^:]+:\/\//, "");
    m.description = render(m.description, m.package_name, file);
    for (const a of m.arguments as { description?: unknown }[]) if (typeof a.description === "string") a.description = render(a.description, m.package_name, file);
  }
}

/** Moves a diagnostic located in a description's text to the same place in the YAML file holding it. */
function locateInFile(d: Diagnostic, template: string, fileText: string | undefined): Diagnostic {
  if (fileText === undefined || d.line === undefined) return d;
  const failing = lineText(template, d.line);
  const at = failing.trim() ? fileText.indexOf(failing) : -1;
  if (at < 0) return d;
  const pos = positionAt(fileText, at + (d.col ?? 1) - 1);
  return { ...d, line: pos.line, col: pos.col, snippet: lineText(fileText, pos.line) };
}
