/**
 * Reads text as Python's `ast.literal_eval` does for the literals dbt's `as_native`, `as_bool`
 * and `as_number` filters meet: numbers (with `_` separators), `True`/`False`/`None`, quoted
 * strings, and lists, tuples, sets and dicts of those. Returns `undefined` when the text is not
 * such a literal (the caller then keeps the text).
 */
export function parsePythonLiteral(text: string): { value: unknown } | undefined {
  const reader = new LiteralReader(text.replace(/^[ \t]+/, ""));
  try {
    const value = reader.value();
    reader.skipSpace();
    return reader.atEnd() ? { value } : undefined;
  } catch {
    return undefined;
  }
}

const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?)/;

class LiteralReader {
  private at = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === "[") return this.sequence("]");
    if (c === "(") return this.sequence(")");
    if (c === "{") return this.mapping();
    if (c === "'" || c === '"') return this.string();
    const word = /^(True|False|None)\b/.exec(this.text.slice(this.at));
    if (word) {
      this.at += word[1].length;
      return word[1] === "None" ? null : word[1] === "True";
    }
    const num = NUMBER.exec(this.text.slice(this.at));
    if (num && num[0] !== "" && /\d/.test(num[0])) {
      this.at += num[0].length;
      return Number(num[0].replace(/_/g, "").replace(/^([-+]?)0[oO]/, "$10o").replace(/^([-+]?)0[bB]/, "$10b"));
    }
    throw new Error("not a literal");
  }

  private sequence(close: string): unknown[] {
    this.at++;
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === close) {
        this.at++;
        return items;
      }
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.at] === ",") this.at++;
      else if (this.text[this.at] !== close) throw new Error("bad sequence");
    }
  }

  private mapping(): unknown {
    this.at++;
    const out: Record<string, unknown> = {};
    const set: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === "}") {
        this.at++;
        return set.length > 0 ? set : out;
      }
      const key = this.value();
      this.skipSpace();
      if (this.text[this.at] === ":") {
        this.at++;
        out[String(key)] = this.value();
      } else {
        set.push(key);
      }
      this.skipSpace();
      if (this.text[this.at] === ",") this.at++;
      else if (this.text[this.at] !== "}") throw new Error("bad mapping");
    }
  }

  private string(): string {
    const quote = this.text[this.at++];
    let out = "";
    while (this.at < this.text.length) {
      const c = this.text[this.at++];
      if (c === quote) return out;
      if (c === "\\") {
        const n = this.text[this.at++];
        out += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n;
      } else {
        out += c;
      }
    }
    throw new Error("unterminated string");
  }
}
