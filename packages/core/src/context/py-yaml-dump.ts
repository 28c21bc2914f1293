import { isDict, PyFloat, Tuple, typeName } from "@tsdbt/jinja";
import { PyDate } from "./modules/py-datetime";
import { pyFloatRepr } from "./py-float";
import { pyYamlScalarStyle } from "./py-yaml-style";

/** Raised for a value PyYAML's safe dumper cannot represent. */
export class YamlRepresentError extends Error {}

/** PyYAML's default line width: a scalar breaks at a space once its line is past this column. */
const WIDTH = 80;

/**
 * PyYAML's `yaml.safe_dump(value, sort_keys=…)` as dbt's `toyaml()` calls it: block style,
 * two-space indent, sequences under a key not indented (`key:\n- a`), strings quoted only when
 * they would read back as another type, long strings folded at spaces past column 80, a lone
 * plain scalar followed by the `...` end marker.
 */
export function pyYamlDump(value: unknown, sortKeys = false): string {
  if (isCollection(value) && !isEmpty(value)) return block(value, "", sortKeys);
  const text = scalar(value, { column: 0, indent: 2, split: true });
  // an open-ended plain scalar needs the document end marker; quoted ones and [] / {} do not
  return /^['"[{]/.test(text) ? `${text}\n` : `${text}\n...\n`;
}

type Entry = [unknown, unknown];

/** Where a scalar starts: its column, the indent of its continuation lines, whether it may fold. */
interface Place {
  column: number;
  indent: number;
  split: boolean;
}

function isCollection(v: unknown): boolean {
  return Array.isArray(v) || isDict(v) || v instanceof Map;
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return Object.keys(v as object).length === 0;
}

function entries(v: unknown, sortKeys: boolean): Entry[] {
  const list: Entry[] = v instanceof Map ? [...v] : Object.entries(v as object);
  return sortKeys ? list.sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) : list;
}

/** A non-empty collection in block style, each line starting with `indent`. */
function block(v: unknown, indent: string, sortKeys: boolean): string {
  let out = "";
  const inner = { column: indent.length + 2, indent: indent.length + 2, split: true };
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && !isEmpty(item)) {
        // the first line of a nested block follows the dash
        out += `${indent}- ${block(item, indent + "  ", sortKeys).slice(indent.length + 2)}`;
      } else out += `${indent}- ${scalar(item, inner)}\n`;
    }
    return out;
  }
  for (const [k, item] of entries(v, sortKeys)) {
    // keys are simple keys: never folded
    const key = scalar(k, { column: indent.length, indent: indent.length + 2, split: false });
    if (Array.isArray(item) && item.length > 0) out += `${indent}${key}:\n${block(item, indent, sortKeys)}`;
    else if (isCollection(item) && !isEmpty(item)) out += `${indent}${key}:\n${block(item, indent + "  ", sortKeys)}`;
    else out += `${indent}${key}: ${scalar(item, { ...inner, column: indent.length + key.length + 2 })}\n`;
  }
  return out;
}

/** A scalar (or empty collection) in flow form, written from `place`. */
function scalar(v: unknown, place: Place): string {
  if (v === null || v === undefined) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatText(v);
  if (v instanceof PyFloat) return floatText(v.value);
  if (Array.isArray(v) || v instanceof Tuple) return "[]";
  if (isDict(v) || v instanceof Map) return "{}";
  if (typeof v === "string" || v instanceof String) return str(String(v), place);
  // dates as `2020-01-01`, datetimes as `2020-01-01 10:00:00+02:00` (Python's str() of each)
  if (v instanceof PyDate) return String(v);
  throw new YamlRepresentError(`cannot represent an object: ${typeName(v)}`);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  // PyYAML writes exponents with a dot in the mantissa (1.0e+20)
  const r = pyFloatRepr(n);
  return r.includes("e") && !r.includes(".") ? r.replace("e", ".0e") : r;
}

function str(s: string, place: Place): string {
  const style = pyYamlScalarStyle(s, !place.split);
  if (style === "plain") return plain(s, place);
  if (style === "single") return singleQuoted(s, place);
  return doubleQuoted(s, place);
}

/** Tracks the column while a scalar is written, and breaks lines at the scalar's indent. */
class LineWriter {
  text = "";
  constructor(public column: number, private readonly indent: number) {}
  write(data: string): void {
    this.text += data;
    this.column += [...data].length;
  }
  newLine(): void {
    this.text += "\n";
    this.column = 0;
  }
  /** Ends the line and pads the next one to the scalar's indent. */
  breakToIndent(): void {
    if (this.column >= this.indent) this.newLine();
    this.write(" ".repeat(this.indent - this.column));
  }
}

/** A single space between words becomes a line break once the line is past the width. */
function foldsHere(spaces: string, out: LineWriter, place: Place): boolean {
  return spaces.length === 1 && out.column > WIDTH && place.split;
}

function plain(s: string, place: Place): string {
  // a plain scalar has no leading or trailing space: every run of spaces is between words
  const out = new LineWriter(place.column, place.indent);
  for (const [, word, spaces] of s.matchAll(/([^ ]+)( *)/g)) {
    out.write(word);
    if (spaces === "") continue;
    if (foldsHere(spaces, out, place)) out.breakToIndent();
    else out.write(spaces);
  }
  return out.text;
}

function singleQuoted(s: string, place: Place): string {
  const out = new LineWriter(place.column, place.indent);
  out.write("'");
  const chars = [...s];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === " ") {
      let j = i;
      while (j < chars.length && chars[j] === " ") j++;
      const inside = i !== 0 && j !== chars.length;
      if (foldsHere(chars.slice(i, j).join(""), out, place) && inside) out.breakToIndent();
      else out.write(chars.slice(i, j).join(""));
      i = j;
    } else if (ch === "\n") {
      // a run of n line breaks is written as n + 1 (one line break alone would read back as a space);
      // other line-break characters never get here: they make the string double-quoted
      let j = i;
      while (j < chars.length && chars[j] === "\n") j++;
      for (let n = i; n <= j; n++) out.newLine();
      out.breakToIndent();
      i = j;
    } else {
      out.write(ch === "'" ? "''" : ch);
      i++;
    }
  }
  out.write("'");
  return out.text;
}

const ESCAPES: Record<string, string> = {
  "\0": "0", "\x07": "a", "\b": "b", "\t": "t", "\n": "n", "\v": "v", "\f": "f", "\r": "r", "\x1b": "e",
  '"': '"', "\\": "\\", "\u0085": "N", "\u00a0": "_", "\u2028": "L", "\u2029": "P",
};

function escapeOf(ch: string): string {
  if (ESCAPES[ch] !== undefined) return `\\${ESCAPES[ch]}`;
  const c = ch.codePointAt(0)!;
  if (c <= 0xff) return `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
  if (c <= 0xffff) return `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
  return `\\U${c.toString(16).toUpperCase().padStart(8, "0")}`;
}

/** Printable ASCII is written as is; everything else (and `"`, `\`) as an escape. */
function isEscaped(ch: string): boolean {
  return ch === '"' || ch === "\\" || ch < " " || ch > "~";
}

/**
 * A double-quoted scalar; past the width it breaks with a trailing `\` (the break is not part of
 * the value), and a space starting the next line is escaped so that it is kept.
 */
function doubleQuoted(s: string, place: Place): string {
  const out = new LineWriter(place.column, place.indent);
  out.write('"');
  const chars = [...s];
  let start = 0;
  for (let end = 0; end <= chars.length; end++) {
    const ch = end < chars.length ? chars[end] : undefined;
    if (ch === undefined || isEscaped(ch)) {
      if (start < end) {
        out.write(chars.slice(start, end).join(""));
        start = end;
      }
      if (ch !== undefined) {
        out.write(escapeOf(ch));
        start = end + 1;
      }
    }
    const inside = end > 0 && end < chars.length - 1;
    if (inside && (ch === " " || start >= end) && out.column + (end - start) > WIDTH && place.split) {
      out.write(chars.slice(start, Math.max(start, end)).join("") + "\\");
      if (start < end) start = end;
      out.breakToIndent();
      if (chars[start] === " ") out.write("\\");
    }
  }
  out.write('"');
  return out.text;
}
