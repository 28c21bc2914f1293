import { isDict, PyFloat, Tuple, typeName } from "@tsdbt/jinja";
import { pyFloatRepr } from "./py-float";

/** Raised when a value has no JSON form (Python's TypeError from json.dumps). */
export class JsonTypeError extends Error {}

/**
 * Python's `json.dumps(value, sort_keys=…)` as dbt's `tojson()` calls it: `", "` and `": "`
 * separators, non-ASCII escaped as `\uXXXX`, keys in insertion order unless sorted, tuples as
 * arrays, integral floats as `1.0`, NaN/Infinity spelled as Python does.
 */
export function pyJsonDumps(value: unknown, sortKeys = false): string {
  return dump(value, sortKeys);
}

function dump(v: unknown, sortKeys: boolean): string {
  if (v === null) return "null";
  // Jinja's Undefined (a name no template set): json.dumps refuses it, as in dbt
  if (v === undefined) throw new JsonTypeError("Object of type Undefined is not JSON serializable");
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return numberText(v, !Number.isInteger(v));
  if (v instanceof PyFloat) return numberText(v.value, true);
  if (typeof v === "string" || v instanceof String) return quote(String(v));
  if (Array.isArray(v) || v instanceof Tuple) return `[${v.map((x) => dump(x, sortKeys)).join(", ")}]`;
  if (v instanceof Map) return dumpEntries([...v].map(([k, x]) => [keyText(k), x]), sortKeys);
  // (a host object's entry without a value is absent, not Undefined)
  if (isDict(v)) return dumpEntries(Object.entries(v).filter(([, x]) => x !== undefined), sortKeys);
  // relations, dates and other objects have no JSON form in Python either; name the class as dbt's error does
  // (json names a class without its module: `Decimal`, where TypeErrors of operators say `decimal.Decimal`)
  const className = (v as { className?: unknown }).className;
  throw new JsonTypeError(`Object of type ${typeof className === "string" ? className : typeName(v).split(".").pop()} is not JSON serializable`);
}

function dumpEntries(entries: [string, unknown][], sortKeys: boolean): string {
  const ordered = sortKeys ? [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries;
  return `{${ordered.map(([k, x]) => `${quote(k)}: ${dump(x, sortKeys)}`).join(", ")}}`;
}

function keyText(k: unknown): string {
  if (typeof k === "string") return k;
  if (k === null) return "null";
  if (typeof k === "boolean") return k ? "true" : "false";
  return String(k);
}

function numberText(n: number, float: boolean): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return float ? pyFloatRepr(n) : String(n);
}

/** A JSON string literal with everything outside printable ASCII escaped, as ensure_ascii does. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/** Raised when text is not JSON (Python's ValueError from json.loads). */
export class JsonValueError extends Error {}

/**
 * Python's `json.loads`: like JSON.parse, but a number written with a fraction or exponent
 * stays a float (`1.0` prints as `1.0`), and `NaN`, `Infinity`, `-Infinity` are accepted.
 */
export function pyJsonLoads(text: string): unknown {
  const p = new Parser(text);
  p.ws();
  const v = p.value();
  p.ws();
  if (p.i < text.length) p.fail("Extra data");
  return v;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  fail(what: string): never {
    throw new JsonValueError(`${what}: char ${this.i}`);
  }
  ws(): void {
    while (this.i < this.s.length && " \t\n\r".includes(this.s[this.i])) this.i++;
  }
  eat(word: string): boolean {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return true;
    }
    return false;
  }
  value(): unknown {
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (this.eat("true")) return true;
    if (this.eat("false")) return false;
    if (this.eat("null")) return null;
    if (this.eat("NaN")) return NaN;
    if (this.eat("Infinity")) return Infinity;
    if (this.eat("-Infinity")) return -Infinity;
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) return this.fail("Expecting value");
    this.i += m[0].length;
    const n = Number(m[0]);
    return m[1] !== undefined || m[2] !== undefined ? (Number.isInteger(n) ? new PyFloat(n) : n) : n;
  }
  object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.eat("}")) return out;
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("Expecting property name enclosed in double quotes");
      const key = this.string();
      this.ws();
      if (!this.eat(":")) this.fail("Expecting ':' delimiter");
      this.ws();
      out[key] = this.value();
      this.ws();
      if (this.eat("}")) return out;
      if (!this.eat(",")) this.fail("Expecting ',' delimiter");
    }
  }
  array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.eat("]")) return out;
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      if (this.eat("]")) return out;
      if (!this.eat(",")) this.fail("Expecting ',' delimiter");
    }
  }
  string(): string {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(this.s.slice(this.i));
    if (!m) return this.fail("Unterminated string starting at");
    this.i += m[0].length;
    return JSON.parse(m[0]) as string;
  }
}
