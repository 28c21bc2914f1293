import { readLiteralArgs } from "./literal-args";

/** Which runs a piece of a static template belongs to: every run, or only (non-)incremental ones. */
export type StaticBranch = "always" | "incremental" | "full";

/** A tag's offsets in the source and its whitespace control (`{{-`, `-}}`, `{%-`, `-#}` …). */
export interface StaticSpan {
  start: number;
  end: number;
  trimLeft: boolean;
  trimRight: boolean;
  /** The `is_incremental()` branch the tag sits in. */
  branch: StaticBranch;
}

/**
 * One `{{ ref(…) }}`, `{{ source(…) }}`, `{{ config(…) }}`, `{{ this }}`, or any other single call
 * with literal arguments (`{{ cents_to_dollars('amount') }}`, `{{ dbt.date_trunc('day', 'ts') }}`,
 * `{{ var('start') }}`) found by the static reader.
 */
export interface StaticCall extends StaticSpan {
  fn: "ref" | "source" | "config" | "this" | "call";
  /** For `call`: the callee as written (`name` or `namespace.name`). */
  callee?: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** A tag that outputs nothing: a comment, or an `if is_incremental()` / `else` / `endif` tag. */
export interface SilentTag extends StaticSpan {
  kind: "comment" | "if" | "else" | "endif";
}

/** What the static reader learned from a template that needs no rendering. */
export interface StaticParse {
  calls: StaticCall[];
  silent: SilentTag[];
}

const CALL = /^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s*(?=\()/;
const DBT_CALLS = new Set(["ref", "source", "config"]);
/** Literals whose JavaScript reading would print differently from Jinja's (floats, tuples). */
function hasAmbiguousLiteral(argsText: string): boolean {
  const bare = argsText.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  return /\d\.\d|\d[eE]|\(/.test(bare.slice(bare.indexOf("(") + 1));
}
const THIS = /^\s*this\s*$/;
const STATEMENTS: Record<string, "if" | "else" | "endif"> = { "if is_incremental()": "if", else: "else", endif: "endif" };

/**
 * Reads a model whose only Jinja is single calls with literal arguments (`ref`, `source`,
 * `config`, or any macro or function), `{{ this }}`, comments and one level of
 * `{% if is_incremental() %} … {% else %} … {% endif %}`, without compiling it as a template.
 * Returns null when the template needs the full renderer.
 */
export function staticParse(source: string): StaticParse | null {
  if (cache.has(source)) return cache.get(source)!;
  const parsed = readStatic(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, parsed);
  return parsed;
}

/** Results by template text: parse and compile both ask, and generic tests share their text. */
const cache = new Map<string, StaticParse | null>();
const CACHE_LIMIT = 50_000;

/** The tag text between its delimiters, and its whitespace-control markers. */
function tagInner(source: string, open: number, close: number): { inner: string; trimLeft: boolean; trimRight: boolean } {
  let inner = source.slice(open + 2, close);
  const trimLeft = inner.startsWith("-");
  const trimRight = inner.endsWith("-");
  if (trimLeft) inner = inner.slice(1);
  if (trimRight) inner = inner.slice(0, -1);
  return { inner, trimLeft, trimRight };
}

function readStatic(source: string): StaticParse | null {
  // Jinja normalises line endings; leave such files to the renderer
  if (source.includes("\r")) return null;
  const calls: StaticCall[] = [];
  const silent: SilentTag[] = [];
  let branch: StaticBranch = "always";
  let i = 0;
  for (;;) {
    const open = source.indexOf("{", i);
    if (open < 0) break;
    const next = source[open + 1];
    if (next !== "{" && next !== "%" && next !== "#") {
      i = open + 1;
      continue;
    }
    const closer = next === "{" ? "}}" : next === "%" ? "%}" : "#}";
    const close = source.indexOf(closer, open + 2);
    if (close < 0) return null;
    const { inner, trimLeft, trimRight } = tagInner(source, open, close);
    const span = { start: open, end: close + 2, trimLeft, trimRight, branch };
    i = close + 2;
    if (next === "#") {
      silent.push({ ...span, kind: "comment" });
    } else if (next === "%") {
      const statement = STATEMENTS[inner.trim().replace(/\s+/g, " ").replace(/\(\s+\)/, "()")];
      if (!statement) return null;
      if (statement === "if" && branch !== "always") return null;
      if (statement === "else" && branch !== "incremental") return null;
      if (statement === "endif" && branch === "always") return null;
      branch = statement === "if" ? "incremental" : statement === "else" ? "full" : "always";
      silent.push({ ...span, branch: "always", kind: statement });
    } else if (THIS.test(inner)) {
      calls.push({ ...span, fn: "this", args: [], kwargs: {} });
    } else {
      const m = CALL.exec(inner);
      if (!m) return null;
      const parsed = readLiteralArgs(inner, m[0].length);
      if (!parsed || inner.slice(parsed.end).trim() !== "") return null;
      if (DBT_CALLS.has(m[1])) calls.push({ ...span, fn: m[1] as StaticCall["fn"], args: parsed.args, kwargs: parsed.kwargs });
      else if (!hasAmbiguousLiteral(inner.slice(m[0].length, parsed.end))) calls.push({ ...span, fn: "call", callee: m[1], args: parsed.args, kwargs: parsed.kwargs });
      else return null;
    }
  }
  return branch === "always" ? { calls, silent } : null;
}

/** True when a piece in `branch` is part of a run with the given incrementality. */
export function branchRuns(branch: StaticBranch, isIncremental: boolean): boolean {
  return branch === "always" || (branch === "incremental") === isIncremental;
}

/**
 * Produces a static template's output without rendering: calls replaced by `valueOf(call)`,
 * tags that output nothing removed, the branch of `is_incremental()` that does not run left
 * out, whitespace control applied, and the template's single trailing newline dropped,
 * exactly as the Jinja renderer would.
 */
export function renderStatic(source: string, parsed: StaticParse, isIncremental: boolean, valueOf: (call: StaticCall) => string): string {
  const spans: (StaticSpan & { value: string; opens?: StaticBranch })[] = [
    ...parsed.calls.map((c) => ({ ...c, value: branchRuns(c.branch, isIncremental) ? valueOf(c) : "" })),
    ...parsed.silent.map((t) => ({ ...t, value: "", opens: OPENS[t.kind] })),
  ].sort((a, b) => a.start - b.start);
  const end = source.endsWith("\n") ? source.length - 1 : source.length;
  let out = "";
  let pos = 0;
  let trimNext = false;
  let branch: StaticBranch = "always";
  for (const span of spans) {
    let text = source.slice(pos, span.start);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (span.trimLeft) text = text.replace(/\s+$/, "");
    if (branchRuns(branch, isIncremental)) out += text;
    out += span.value;
    pos = span.end;
    trimNext = span.trimRight;
    if (span.opens) branch = span.opens;
  }
  let tail = source.slice(pos, Math.max(pos, end));
  if (trimNext) tail = source.slice(pos).replace(/^\s+/, "");
  if (branchRuns(branch, isIncremental)) out += tail;
  return out;
}

/** The branch the text after each statement tag belongs to. */
const OPENS: Record<SilentTag["kind"], StaticBranch | undefined> = { comment: undefined, if: "incremental", else: "full", endif: "always" };
