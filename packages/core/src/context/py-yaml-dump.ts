import { isDict, PyFloat, Tuple, typeName } from "@tsdbt/jinja";
import { pyFloatRepr } from "./py-float";

/** Raised for a value PyYAML's safe dumper cannot represent. */
export class YamlRepresentError extends Error {}

/**
 * PyYAML's `yaml.safe_dump(value, sort_keys=…)` as dbt's `toyaml()` calls it: block style,
 * two-space indent, sequences under a key not indented (`key:\n- a`), strings quoted with `'…'`
 * only when they would read back as another type, a lone plain scalar followed by the `...` end
 * marker. Long strings are not folded at 80 columns as PyYAML folds them.
 */
export function pyYamlDump(value: unknown, sortKeys = false): string {
  if (isCollection(value) && !isEmpty(value)) return block(value, "", sortKeys);
  const text = scalar(value, "");
  // an open-ended plain scalar needs the document end marker; quoted ones and [] / {} do not
  return /^['"[{]/.test(text) ? `${text}\n` : `${text}\n...\n`;
}

type Entry = [unknown, unknown];

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
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isCollection(item) && !isEmpty(item)) {
        // the first line of a nested block follows the dash
        out += `${indent}- ${block(item, indent + "  ", sortKeys).slice(indent.length + 2)}`;
      } else out += `${indent}- ${scalar(item, indent)}\n`;
    }
    return out;
  }
  for (const [k, item] of entries(v, sortKeys)) {
    const key = scalar(k, indent);
    if (Array.isArray(item) && item.length > 0) out += `${indent}${key}:\n${block(item, indent, sortKeys)}`;
    else if (isCollection(item) && !isEmpty(item)) out += `${indent}${key}:\n${block(item, indent + "  ", sortKeys)}`;
    else out += `${indent}${key}: ${scalar(item, indent)}\n`;
  }
  return out;
}

/** A scalar (or empty collection) in flow form; `indent` is its line's, for continuation lines. */
function scalar(v: unknown, indent: string): string {
  if (v === null || v === undefined) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : floatText(v);
  if (v instanceof PyFloat) return floatText(v.value);
  if (Array.isArray(v) || v instanceof Tuple) return "[]";
  if (isDict(v) || v instanceof Map) return "{}";
  if (typeof v === "string" || v instanceof String) return str(String(v), indent);
  throw new YamlRepresentError(`cannot represent an object: ${typeName(v)}`);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  // PyYAML writes exponents with a dot in the mantissa (1.0e+20)
  const r = pyFloatRepr(n);
  return r.includes("e") && !r.includes(".") ? r.replace("e", ".0e") : r;
}

/** YAML 1.1 plain scalars that read back as something other than a string. */
const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:<<|=)$/,
];

function str(s: string, indent: string): string {
  // single-quoted style writes a line break as an empty line, continuing two spaces in
  if (/^[^\n]*(\n[^\n]+)+$/.test(s) && !/[^\x20-\x7e\n]/.test(s)) return `'${s.replace(/'/g, "''").split("\n").join(`\n\n${indent}  `)}'`;
  if (/[^\x20-\x7e]/.test(s)) return doubleQuoted(s);
  if (s === "" || IMPLICIT.some((re) => re.test(s)) || !plainAllowed(s)) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

function plainAllowed(s: string): boolean {
  if (s !== s.trim()) return false;
  const first = s[0];
  const second = s[1];
  if ("#,[]{}&*!|>'\"%@`".includes(first)) return false;
  if ("-?:".includes(first) && (second === undefined || second === " ")) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  return true;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (c > 0xffff) out += `\\U${c.toString(16).toUpperCase().padStart(8, "0")}`;
    else if (c > 0xff) out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    else if (c > 0x7e) out += `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
    else out += ch;
  }
  return out + '"';
}
