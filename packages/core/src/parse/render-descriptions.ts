import { hostFunction } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { DocDefinition, ManifestNode, SourceDefinition } from "../manifest/types";
import type { RenderSession } from "../context/node-context";
import { CompilerError } from "../context/compiler-error";
import { didYouMean } from "../diagnostics/closest-names";
import { renderErrorToDiagnostic } from "./render-diagnostic";

/**
 * Renders `{{ doc('name') }}` (and other Jinja) in descriptions of nodes, columns and sources,
 * as dbt does when it reads properties files.
 */
export function renderDescriptions(nodes: ManifestNode[], sources: Record<string, SourceDefinition>, docs: Record<string, DocDefinition>, session: RenderSession, diagnostics: Diagnostic[]): void {
  const byName = new Map<string, DocDefinition>();
  for (const d of Object.values(docs)) byName.set(`${d.package_name}.${d.name}`, d);
  const render = (text: string, pkg: string, file: string): string => {
    if (!text.includes("{")) return text;
    const ctx = Object.create(session.base) as Record<string, unknown>;
    ctx.doc = hostFunction((args) => {
      const [a, b] = args.map(String);
      const key = b === undefined ? `${pkg}.${a}` : `${a}.${b}`;
      const found = byName.get(key) ?? (b === undefined ? [...byName.values()].find((d) => d.name === a) : undefined);
      if (!found) throw new CompilerError("TSDBT-E024", `Documentation block '${b ?? a}' was not found.`, didYouMean(b ?? a, [...byName.values()].map((d) => d.name)) ?? "Define it with {% docs name %}…{% enddocs %} in a .md file.");
      return found.block_contents;
    });
    try {
      return session.env.render(text, ctx, { file });
    } catch (e) {
      diagnostics.push(renderErrorToDiagnostic(e, file, undefined, () => []));
      return text;
    }
  };
  for (const n of nodes) {
    const file = n.patch_path?.replace(/^[^:]+:\/\//, "") ?? n.original_file_path;
    n.description = render(n.description, n.package_name, file);
    for (const c of Object.values(n.columns)) c.description = render(c.description, n.package_name, file);
  }
  for (const s of Object.values(sources)) {
    s.description = render(s.description, s.package_name, s.original_file_path);
    s.source_description = render(s.source_description, s.package_name, s.original_file_path);
    for (const c of Object.values(s.columns)) c.description = render(c.description, s.package_name, s.original_file_path);
  }
}
