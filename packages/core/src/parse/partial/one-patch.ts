import type { ProjectFile } from "../../project/discover-files";
import { parseYaml } from "../../yaml/parse-yaml";
import { readNodePatches, type NodePatch } from "../properties";
import type { PropertiesRenderer } from "../render-properties";

const SECTION: Partial<Record<NodePatch["kind"], string>> = { model: "models", analysis: "analyses" };
/** Tabs, anchors, aliases, merge keys or tags: YAML whose entries may not be readable alone. */
const NOT_PLAIN = /\t|<<|(?:^|[\s,[{])[&*!][^\s]/m;

/**
 * What a properties file says about one node, as a full read of the file would give it. When the
 * file is plain block YAML and the node's entry starts with a `- name: <name>` line found once,
 * only that entry is parsed (editing one model must not cost parsing its folder's whole
 * schema.yml); otherwise, or when anything looks unusual, the whole file is read. `render` renders
 * its Jinja as a full parse does (see ParseSession.renderProperties).
 */
export function readOnePatch(file: ProjectFile, kind: NodePatch["kind"], name: string, render: PropertiesRenderer = (parsed) => parsed): NodePatch | undefined {
  const read = (text: string, endsFile = true) => render(parseYaml(text, file.path, { endsFile }), file.packageName, []);
  const whole = () => readNodePatches({ packageName: file.packageName, parsed: read(file.contents) }, []).find((p) => p.kind === kind && p.name === name);
  const section = SECTION[kind];
  const text = file.contents;
  if (!section || NOT_PLAIN.test(text)) return whole();
  const lines = text.split(/\r?\n/);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const entryStart = new RegExp(`^( *)- name: *(['"]?)${escaped}\\2 *$`);
  const starts = lines.flatMap((l, i) => (entryStart.test(l) ? [i] : []));
  if (starts.length !== 1) return whole();
  const at = starts[0];
  const indent = lines[at].indexOf("-");
  const blank = (l: string) => /^\s*(#.*)?$/.test(l);
  let header = at - 1;
  while (header >= 0 && (blank(lines[header]) || lines[header].startsWith(" "))) header--;
  if (header < 0 || lines[header].trimEnd() !== `${section}:`) return whole();
  let end = at + 1;
  while (end < lines.length && (blank(lines[end]) || lines[end].search(/\S/) > indent)) end++;
  const entry = read(`${section}:\n${lines.slice(at, end).join("\n")}\n`, end >= lines.length);
  const patches = entry.diagnostics.length ? [] : readNodePatches({ packageName: file.packageName, parsed: entry }, []);
  return patches.length === 1 && patches[0].kind === kind && patches[0].name === name ? patches[0] : whole();
}
