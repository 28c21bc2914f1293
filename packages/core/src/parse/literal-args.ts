/**
 * A reader for the argument lists of simple calls (`ref('a', version=2)`,
 * `config(materialized='table', tags=['x'])`) when every argument is a Python literal.
 * Returns `null` as soon as anything is not a literal, so the caller can fall back to rendering.
 */

/** Positional and keyword arguments read from a call. */
export interface LiteralArgs {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const SPACE = /\s*/y;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skip(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }
  peek(): string {
    this.skip();
    return this.text[this.pos] ?? "";
  }
  eat(ch: string): boolean {
    if (this.peek() === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  match(re: RegExp): string | null {
    this.skip();
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return null;
    this.pos = re.lastIndex;
    return m[0];
  }
}

const FAIL = Symbol("not a literal");
type Value = unknown | typeof FAIL;

function readString(r: Reader): Value {
  const quote = r.peek();
  if (quote !== "'" && quote !== '"') return FAIL;
  let out = "";
  let i = r.pos + 1;
  for (; i < r.text.length; i++) {
    const c = r.text[i];
    if (c === "\\") {
      const n = r.text[++i];
      out += n === "n" ? "\n" : n === "t" ? "\t" : n;
    } else if (c === quote) break;
    else out += c;
  }
  if (i >= r.text.length) return FAIL;
  r.pos = i + 1;
  // adjacent literals concatenate, as in Python
  if (r.peek() === "'" || r.peek() === '"') {
    const rest = readString(r);
    return rest === FAIL ? FAIL : out + (rest as string);
  }
  return out;
}

function readSequence(r: Reader, close: string, item: () => Value): unknown[] | typeof FAIL {
  const out: unknown[] = [];
  while (!r.eat(close)) {
    const v = item();
    if (v === FAIL) return FAIL;
    out.push(v);
    if (!r.eat(",") && r.peek() !== close) return FAIL;
  }
  return out;
}

function readValue(r: Reader): Value {
  const c = r.peek();
  if (c === "'" || c === '"') return readString(r);
  if (c === "[") {
    r.pos++;
    return readSequence(r, "]", () => readValue(r));
  }
  if (c === "(") {
    r.pos++;
    return readSequence(r, ")", () => readValue(r));
  }
  if (c === "{") {
    r.pos++;
    const obj: Record<string, unknown> = {};
    const entries = readSequence(r, "}", () => {
      const k = readValue(r);
      if (typeof k !== "string" || !r.eat(":")) return FAIL;
      const v = readValue(r);
      if (v === FAIL) return FAIL;
      obj[k] = v;
      return null;
    });
    return entries === FAIL ? FAIL : obj;
  }
  const num = r.match(NUMBER);
  if (num !== null) return Number(num);
  const name = r.match(NAME);
  if (name === "True" || name === "true") return true;
  if (name === "False" || name === "false") return false;
  if (name === "None" || name === "none") return null;
  return FAIL;
}

/** Reads `(...)` starting at `text[0] === '('`; returns the arguments and the index after `)`, or null. */
export function readLiteralArgs(text: string, start = 0): (LiteralArgs & { end: number }) | null {
  const r = new Reader(text);
  r.pos = start;
  if (!r.eat("(")) return null;
  const args: unknown[] = [];
  const kwargs: Record<string, unknown> = {};
  while (!r.eat(")")) {
    const save = r.pos;
    const name = r.match(NAME);
    if (name !== null && r.peek() === "=" && r.text[r.pos + 1] !== "=") {
      r.pos++;
      const v = readValue(r);
      if (v === FAIL) return null;
      kwargs[name] = v;
    } else {
      r.pos = save;
      if (Object.keys(kwargs).length > 0) return null;
      const v = readValue(r);
      if (v === FAIL) return null;
      args.push(v);
    }
    if (!r.eat(",") && r.peek() !== ")") return null;
  }
  return { args, kwargs, end: r.pos };
}
