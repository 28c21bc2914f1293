import { readLiteralArgs } from "./literal-args";

/** A tag's offsets in the source and its whitespace control (`{{-`, `-}}`, `{#-`, `-#}`). */
export interface StaticSpan {
  start: number;
  end: number;
  trimLeft: boolean;
  trimRight: boolean;
}

/** One `{{ ref(…) }}`, `{{ source(…) }}` or `{{ config(…) }}` expression found by the static reader. */
export interface StaticCall {
  fn: "ref" | "source" | "config";
  args: unknown[];
  kwargs: Record<string, unknown>;
  /** Offsets of the whole `{{ … }}` tag in the source. */
  start: number;
  end: number;
  /** Whitespace control on either side (`{{-`, `-}}`). */
  trimLeft: boolean;
  trimRight: boolean;
}

/** What the static reader learned from a template that needs no rendering. */
export interface StaticParse {
  calls: StaticCall[];
  /** Offsets of `{# … #}` comments, with their whitespace control. */
  comments: StaticSpan[];
}

const CALL = /^\s*(ref|source|config)\s*(?=\()/;

/**
 * Reads a model whose only Jinja is `ref`, `source` and `config` calls with literal arguments
 * (and comments), without rendering it. Returns null when the template needs the full renderer:
 * any `{% … %}` tag, any other expression, or any argument that is not a literal.
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

function readStatic(source: string): StaticParse | null {
  const calls: StaticCall[] = [];
  const comments: StaticSpan[] = [];
  // Jinja normalises line endings; leave such files to the renderer
  if (source.includes("\r")) return null;
  let i = 0;
  for (;;) {
    const open = source.indexOf("{", i);
    if (open < 0) break;
    const next = source[open + 1];
    if (next === "%") return null;
    if (next === "#") {
      const close = source.indexOf("#}", open + 2);
      if (close < 0) return null;
      comments.push({ start: open, end: close + 2, trimLeft: source[open + 2] === "-", trimRight: close > open + 2 && source[close - 1] === "-" });
      i = close + 2;
      continue;
    }
    if (next !== "{") {
      i = open + 1;
      continue;
    }
    const close = source.indexOf("}}", open + 2);
    if (close < 0) return null;
    let inner = source.slice(open + 2, close);
    const trimLeft = inner.startsWith("-");
    const trimRight = inner.endsWith("-");
    if (trimLeft) inner = inner.slice(1);
    if (trimRight) inner = inner.slice(0, -1);
    const m = CALL.exec(inner);
    if (!m) return null;
    const parsed = readLiteralArgs(inner, m[0].length);
    if (!parsed || inner.slice(parsed.end).trim() !== "") return null;
    calls.push({ fn: m[1] as StaticCall["fn"], args: parsed.args, kwargs: parsed.kwargs, start: open, end: close + 2, trimLeft, trimRight });
    i = close + 2;
  }
  return { calls, comments };
}

/**
 * Produces a static template's output without rendering: each call replaced by `valueOf(call)`,
 * comments removed, whitespace control applied, and the template's single trailing newline
 * dropped, exactly as the Jinja renderer would.
 */
export function renderStatic(source: string, parsed: StaticParse, valueOf: (call: StaticCall) => string): string {
  const spans: (StaticSpan & { value: string })[] = [
    ...parsed.calls.map((c) => ({ ...c, value: valueOf(c) })),
    ...parsed.comments.map((c) => ({ ...c, value: "" })),
  ].sort((a, b) => a.start - b.start);
  const end = source.endsWith("\n") ? source.length - 1 : source.length;
  let out = "";
  let pos = 0;
  let trimNext = false;
  for (const span of spans) {
    let text = source.slice(pos, span.start);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (span.trimLeft) text = text.replace(/\s+$/, "");
    out += text + span.value;
    pos = span.end;
    trimNext = span.trimRight;
  }
  let tail = source.slice(pos, Math.max(pos, end));
  if (trimNext) tail = source.slice(pos).replace(/^\s+/, "");
  return out + tail;
}
