import type { BlockKind, TopLevelBlock } from "./api";
import { JinjaError } from "./errors";
import { scanTemplate, type ScannedTag } from "./tag-scanner";

const BLOCK_KINDS: ReadonlySet<string> = new Set(["macro", "test", "materialization", "snapshot", "docs"]);

interface OpenBlock {
  kind: BlockKind;
  open: ScannedTag;
  /** Nested opening tags of the same kind not yet closed. */
  depth: number;
  /** Where the block as dbt keeps it starts (before the blank space a `{%-` opening tag takes). */
  writtenStart: number;
}

/** Blank space as Python's regular expressions see it (`\s`): JavaScript's, less the BOM, plus \x1c-\x1f and \x85. */
const BLANK = /[\s\x1c-\x1f\x85]/;
const isBlank = (ch: string) => ch !== "\ufeff" && BLANK.test(ch);

/** Offset after the blank space that starts at `offset`. */
function skipBlankSpace(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isBlank(text[i]!)) i++;
  return i;
}

/** Offset where the blank space that ends at `offset` starts, not before `floor`. */
function blankSpaceBefore(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor && isBlank(text[i - 1]!)) i--;
  return i;
}

/** Control-flow tags dbt pairs at the top level of a file, between blocks. */
const CONTROL_FLOW: ReadonlySet<string> = new Set(["if", "for", "call", "filter", "with", "set"]);

/**
 * Finds the top-level `macro`, `test`, `materialization`, `snapshot` and `docs` blocks of a file.
 * Comments, `{% raw %}` sections and strings inside tags are skipped, so a `%}` in a string does not end a tag.
 * Test and materialization blocks get a `source` rewritten as a `{% macro %}` block (same lines),
 * so it can be given to `bindMacro` as is.
 * Other tags between blocks are ignored with a warning each, as dbt-core does (a stray `{% endmacro %}`,
 * a `{% set %}`, a paired `{% if %}…{% endif %}`); a control-flow end tag with no opening tag, an unclosed
 * block and an unterminated tag are errors. Problems are returned, never thrown.
 */
export function extractBlocks(source: string, file: string): { blocks: TopLevelBlock[]; errors: JinjaError[]; warnings: JinjaError[] } {
  const blocks: TopLevelBlock[] = [];
  const errors: JinjaError[] = [];
  const warnings: JinjaError[] = [];
  const lines = source.split("\n");
  const snippet = (line: number): string | undefined => lines[line - 1];
  const scan = scanTemplate(source);
  for (const e of scan.errors) {
    errors.push(new JinjaError("TSDBT-J001", e.message, { file, line: e.line, col: e.col }, snippet(e.line)));
  }
  const topLevelFlow: string[] = [];
  const at = (tag: ScannedTag) => ({ file, line: tag.line, col: tag.col });
  let open: OpenBlock | undefined;
  // where the text not yet taken by a top-level tag starts (a `-%}` takes the blank space after it)
  // dbt reads a file without the blank space at its ends
  let taken = skipBlankSpace(source, 0);
  const textEnd = blankSpaceBefore(source, source.length, taken);
  const takenAfter = (tag: ScannedTag) => (tag.rightControl === "-" ? skipBlankSpace(source, tag.end) : tag.end);
  for (const tag of scan.tags) {
    if (open === undefined) {
      if (BLOCK_KINDS.has(tag.name)) {
        open = { kind: tag.name as BlockKind, open: tag, depth: 0, writtenStart: tag.leftControl === "-" ? blankSpaceBefore(source, tag.start, taken) : tag.start };
        continue;
      }
      taken = takenAfter(tag);
      const opened = tag.name.startsWith("end") ? tag.name.slice(3) : undefined;
      if (opened !== undefined && CONTROL_FLOW.has(opened)) {
        if (topLevelFlow[topLevelFlow.length - 1] !== opened) {
          errors.push(
            new JinjaError("TSDBT-J001", `Found {% ${tag.name} %} without a matching {% ${opened} %} before it. Remove it or add the opening tag.`, at(tag), snippet(tag.line)),
          );
          continue;
        }
        topLevelFlow.pop();
      } else if (CONTROL_FLOW.has(tag.name) && !(tag.name === "set" && tag.content.includes("="))) topLevelFlow.push(tag.name);
      warnings.push(
        new JinjaError(
          "TSDBT-W020",
          `Found {% ${tag.name} %} outside any macro, test, materialization, snapshot or docs block; it is ignored.`,
          at(tag),
          snippet(tag.line),
        ),
      );
      continue;
    }
    if (tag.name === open.kind) open.depth++;
    else if (tag.name === `end${open.kind}`) {
      if (open.depth > 0) open.depth--;
      else {
        taken = takenAfter(tag);
        const block = buildBlock(source, open, tag, file, errors, snippet, source.slice(open.writtenStart, Math.min(taken, textEnd)));
        if (block) blocks.push(block);
        open = undefined;
      }
    }
  }
  if (open) {
    const t = open.open;
    errors.push(
      new JinjaError(
        "TSDBT-J001",
        `The {% ${open.kind} %} block opened at ${file}:${t.line}:${t.col} is never closed. Add {% end${open.kind} %} where the block ends.`,
        { file, line: t.line, col: t.col },
        snippet(t.line),
      ),
    );
  }
  return { blocks, errors, warnings };
}

function buildBlock(
  source: string,
  open: OpenBlock,
  close: ScannedTag,
  file: string,
  errors: JinjaError[],
  snippet: (line: number) => string | undefined,
  written: string,
): TopLevelBlock | undefined {
  const tag = open.open;
  const fail = (message: string): undefined => {
    errors.push(new JinjaError("TSDBT-J001", message, { file, line: tag.line, col: tag.col }, snippet(tag.line)));
    return undefined;
  };
  const header = tag.content.slice(tag.name.length).trim();
  const body = source.slice(tag.end, close.start);
  const whole = source.slice(tag.start, close.end);
  const bodyLine = tag.line + countNewlines(source, tag.start, tag.end);
  const base = { body, written, line: tag.line, col: tag.col, bodyLine };
  const nameMatch = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(header);
  if (!nameMatch) return fail(`The {% ${open.kind} %} tag needs a name, for example {% ${open.kind} my_name %}.`);
  const bareName = nameMatch[1];
  const rest = header.slice(bareName.length).trim();
  switch (open.kind) {
    case "macro":
    case "test": {
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        return fail(`The {% ${open.kind} ${bareName} %} tag needs an argument list in parentheses, for example {% ${open.kind} ${bareName}() %}.`);
      }
      const args = splitTopLevel(rest.slice(1, -1))
        .map((a) => a.split("=")[0].trim())
        .filter((a) => a !== "");
      if (open.kind === "macro") return { kind: "macro", name: bareName, source: whole, args, ...base };
      const name = `test_${bareName}`;
      const rewritten = rewriteAsMacro(whole, tag, close, `${name}${rest}`);
      return { kind: "test", name, source: rewritten, args, ...base };
    }
    case "materialization": {
      const parts = splitTopLevel(rest.replace(/^,/, ""));
      let adapter = "default";
      for (const part of parts) {
        const m = /^adapter\s*=\s*(['"])([^'"]*)\1$/.exec(part.trim());
        if (m) adapter = m[2];
        else if (/^default$/.test(part.trim())) adapter = "default";
      }
      const name = `materialization_${bareName}_${adapter}`;
      return { kind: "materialization", name, adapter, source: rewriteAsMacro(whole, tag, close, `${name}()`), ...base };
    }
    default:
      if (rest !== "") return fail(`The {% ${open.kind} ${bareName} %} tag takes only a name; remove "${rest}".`);
      return { kind: open.kind, name: bareName, source: whole, ...base };
  }
}

/** Rewrites a block's opening and closing tags as `{% macro <signature> %}` … `{% endmacro %}`, keeping whitespace control. */
function rewriteAsMacro(whole: string, open: ScannedTag, close: ScannedTag, signature: string): string {
  // Keep the opening tag's line count so line numbers inside the body stay right.
  const newlines = "\n".repeat(countNewlines(whole, 0, open.end - open.start));
  const openTag = `{%${open.leftControl} macro ${signature}${newlines} ${open.rightControl}%}`;
  const closeTag = `{%${close.leftControl} endmacro ${close.rightControl}%}`;
  return openTag + whole.slice(open.end - open.start, close.start - open.start) + closeTag;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Splits an argument list on commas that are not inside brackets or strings. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") {
        current += c + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += c;
  }
  if (current.trim() !== "") parts.push(current);
  return parts.map((p) => p.trim());
}
