import { formatFloat, intText, isDict, PyFloat, PyRange } from "./values";
import { PyDecimal } from "./py-decimal";
import { fail } from "./signals";

/** Serialises like Jinja2's `tojson`: Python's json.dumps with sorted keys, then HTML-safe escapes. */
export function toJson(v: unknown, indent?: number | string): string {
  // as json.dumps: a number of blanks (none below 1), or the text itself
  return dump(v, typeof indent === "number" ? " ".repeat(Math.max(0, indent)) : indent, "").replace(/[<>&']/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** `fromHost`: inside what a host object gave (its toJSON or own entries), where an entry without a value is left out. */
function dump(v: unknown, indent: string | undefined, pad: string, fromHost = false): string {
  if (v === null) return "null";
  // Jinja's Undefined: json.dumps refuses it, as Jinja2's tojson under dbt does
  if (v === undefined) return fail("Object of type Undefined is not JSON serializable");
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return Number.isInteger(v) ? intText(v) : jsonFloat(v);
  if (v instanceof PyFloat) return jsonFloat(v.value);
  // Python's json module does not know Decimal (agate's numbers)
  if (v instanceof PyDecimal) return fail("Object of type Decimal is not JSON serializable");
  if (typeof v === "string") return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const inner = pad + (indent ?? "");
  const open = (items: string[], o: string, c: string): string => {
    if (items.length === 0) return o + c;
    if (indent === undefined) return o + items.join(", ") + c;
    return `${o}\n${inner}${items.join(`,\n${inner}`)}\n${pad}${c}`;
  };
  if (v instanceof PyRange) return fail("Object of type range is not JSON serializable");
  if (Array.isArray(v)) return open(v.map((x) => dump(x, indent, inner, fromHost)), "[", "]");
  const host = !isDict(v);
  const obj = host && typeof (v as { toJSON?: () => unknown }).toJSON === "function" ? (v as { toJSON: () => unknown }).toJSON() : v;
  if (obj !== v) return dump(obj, indent, pad, true);
  // (a host object's entry without a value is absent, not Undefined)
  const lenient = fromHost || host;
  const keys = Object.keys(obj as object).filter((k) => !lenient || (obj as Record<string, unknown>)[k] !== undefined).sort();
  return open(keys.map((k) => `${JSON.stringify(k)}: ${dump((obj as Record<string, unknown>)[k], indent, inner, lenient)}`), "{", "}");
}

/** A float as Python's json writes it: its repr, and NaN, Infinity, -Infinity. */
function jsonFloat(n: number): string {
  return Number.isNaN(n) ? "NaN" : n === Infinity ? "Infinity" : n === -Infinity ? "-Infinity" : formatFloat(n);
}
