import type { Document, Node, YAMLMap } from "yaml";

/** The `yaml` package, loaded only when a selectors file is read. */
const yaml = () => require("yaml") as typeof import("yaml");
import { DiagnosticError, Diagnostics } from "../diagnostics/diagnostic";
import { parseSelectorDefinition, scalarText } from "./selector-definition";
import { SELECTION_ERROR_CODE, type SelectionErrorLocation } from "./selection-error";
import type { SelectionSpec } from "./selection-spec";

/** One named selector from selectors.yml. */
export interface SelectorDefinition {
  name: string;
  description: string | null;
  /** Applies when a command gets neither --select, --exclude nor --selector. */
  default: boolean;
  definition: SelectionSpec;
  /** The definition as written, as plain data (what manifest.json's `selectors` records). */
  rawDefinition: unknown;
  file: string;
  line?: number;
  col?: number;
}

/** A parsed selectors.yml. */
export interface SelectorsFile {
  file: string;
  selectors: Record<string, SelectorDefinition>;
  /** The name of the selector marked `default: true`, if any. */
  defaultSelector?: string;
}

/** Turns a YAML node's start offset into a diagnostic location. */
export type Locate = (node: Node | null | undefined) => SelectionErrorLocation;

/** Renders one YAML value holding Jinja: the value, or why it failed (a code, a sentence, a hint). */
export type SelectorValueRenderer = (text: string) => { value: unknown } | { failure: { code: string; message: string; hint: string } };

/**
 * Parses the text of selectors.yml. Every problem is reported at once, each with the file,
 * line and column. With `renderValue`, every value holding Jinja is rendered first, as dbt
 * renders selectors.yml (natively, with the project's context: `"{{ var('tags') }}"` can give
 * a list). A key written twice keeps its last value, as dbt's loader does.
 *
 * @throws DiagnosticError TSDBT-E001 when the file is not valid YAML, TSDBT-E021 when a selector is malformed, TSDBT-E003 (or E004/E008) when a value cannot be rendered
 */
export function parseSelectorsFile(text: string, file = "selectors.yml", renderValue?: SelectorValueRenderer): SelectorsFile {
  const lines = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const locate: Locate = (node) => {
    if (!node?.range) return { file };
    const { line, col } = lines.linePos(node.range[0]);
    return { file, line, col };
  };
  const diagnostics = new Diagnostics();
  const fail = (message: string, hint: string, node: Node | null | undefined): void =>
    diagnostics.error(SELECTION_ERROR_CODE, message, { hint, ...locate(node) });

  for (const error of document.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    // a YAML syntax error has the same code in every file
    diagnostics.error("TSDBT-E001", `${file} is not valid YAML: ${error.message.split("\n")[0]}`, {
      file,
      line,
      col,
      hint: "Fix the YAML syntax; selectors.yml holds a top-level 'selectors:' list.",
    });
  }
  diagnostics.throwIfErrors();
  keepLastOfRepeatedKeys(document);
  if (renderValue && /\{\{|\{%/.test(text)) renderValues(document, renderValue, locate, diagnostics);
  diagnostics.throwIfErrors();

  const result: SelectorsFile = { file, selectors: {} };
  const root = document.contents;
  // an empty file (or one holding only comments) defines no selectors, as in dbt
  if (root === null) return result;
  const list = yaml().isMap(root) ? root.get("selectors") : undefined;
  if (!yaml().isSeq(list)) {
    fail(`${file} has no 'selectors:' list.`, "Start the file with 'selectors:' followed by a list of selectors, each with a name and a definition.", root);
    diagnostics.throwIfErrors();
    return result;
  }
  for (const item of list.items) {
    if (!yaml().isMap(item)) {
      fail("Each entry of 'selectors:' must be a mapping with 'name' and 'definition'.", "Write '- name: my_selector' followed by 'definition: ...'.", item as Node);
      continue;
    }
    const selector = parseSelector(item, file, locate, fail, diagnostics);
    if (!selector) continue;
    if (result.selectors[selector.name]) {
      fail(`The selector '${selector.name}' is defined more than once.`, "Give each selector a unique name.", item);
      continue;
    }
    if (selector.default && result.defaultSelector) {
      fail(
        `The selectors '${result.defaultSelector}' and '${selector.name}' are both marked 'default: true'.`,
        "Mark at most one selector as the default.",
        item.get("default", true) as Node,
      );
      continue;
    }
    if (selector.default) result.defaultSelector = selector.name;
    result.selectors[selector.name] = selector;
  }
  diagnostics.throwIfErrors();
  return result;
}

/** A key written twice in one mapping keeps its last value (PyYAML's reading), so `get` finds that one. */
function keepLastOfRepeatedKeys(document: Document): void {
  yaml().visit(document, {
    Map(_key, map) {
      const lastIndex = new Map<unknown, number>();
      map.items.forEach((pair, i) => lastIndex.set(yaml().isScalar(pair.key) ? pair.key.value : pair.key, i));
      map.items = map.items.filter((pair, i) => lastIndex.get(yaml().isScalar(pair.key) ? pair.key.value : pair.key) === i);
    },
  });
}

/** Replaces every scalar value holding Jinja by its rendered value (a list or mapping becomes a node of its own). */
function renderValues(document: Document, renderValue: SelectorValueRenderer, locate: Locate, diagnostics: Diagnostics): void {
  yaml().visit(document, {
    Scalar(key, node) {
      if (key === "key" || typeof node.value !== "string" || !/\{\{|\{%/.test(node.value)) return undefined;
      const result = renderValue(node.value);
      if ("failure" in result) {
        diagnostics.error(result.failure.code, `The Jinja in ${locate(node).file} could not be rendered: ${result.failure.message}`, { hint: result.failure.hint, ...locate(node) });
        return undefined;
      }
      const replacement = document.createNode(result.value) as Node;
      replacement.range = node.range;
      return replacement;
    },
  });
}

function parseSelector(
  item: YAMLMap,
  file: string,
  locate: Locate,
  fail: (message: string, hint: string, node: Node | null | undefined) => void,
  diagnostics: Diagnostics,
): SelectorDefinition | undefined {
  const name = scalarText(item.get("name", true));
  if (!name) {
    fail("A selector has no 'name'.", "Add 'name: <selector_name>' to the entry.", item);
    return undefined;
  }
  const definitionNode = item.get("definition", true) as Node | undefined;
  // `definition:` with nothing after it holds an empty (null) value
  if (definitionNode === undefined || definitionNode.toJSON() === null) {
    fail(`The selector '${name}' has no 'definition'.`, "Add a definition, for example \"definition: 'tag:nightly'\".", item);
    return undefined;
  }
  const defaultNode = item.get("default", true);
  const isDefault = defaultNode === undefined ? false : yaml().isScalar(defaultNode) ? defaultNode.value : undefined;
  // dbt wants a YAML boolean: a quoted 'true' is refused there too
  if (typeof isDefault !== "boolean") {
    fail(`The selector '${name}' has a 'default' that is neither true nor false.`, "Write 'default: true' (unquoted) or leave the key out.", defaultNode as Node);
    return undefined;
  }
  try {
    return {
      name,
      description: scalarText(item.get("description", true)) ?? null,
      default: isDefault,
      definition: parseSelectorDefinition(definitionNode, locate),
      rawDefinition: definitionNode.toJSON(),
      ...locate(item),
      file,
    };
  } catch (error) {
    if (!(error instanceof DiagnosticError)) throw error;
    for (const diagnostic of error.diagnostics) diagnostics.add(diagnostic);
    return undefined;
  }
}
