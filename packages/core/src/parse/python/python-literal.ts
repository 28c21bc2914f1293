import type { PythonToken } from "./python-tokens";

/** An argument of a call that is not a Python literal (`ast.literal_eval` would refuse it). */
export class NotALiteral extends Error {
  constructor(readonly token: PythonToken | undefined) {
    super("not a literal");
  }
}

/**
 * The value of the Python literal spanning `tokens` (one call argument), as `ast.literal_eval`
 * reads it: strings (adjacent ones joined), numbers, True/False/None, lists, tuples and sets (as
 * arrays), dicts (as objects). Throws {@link NotALiteral} at the first token that is not part of one
 * (a name, a call, an f-string, an operator).
 */
export function literalValue(tokens: readonly PythonToken[]): unknown {
  let i = 0;
  const peek = () => tokens[i];
  const expect = (text: string) => {
    if (peek()?.text !== text) throw new NotALiteral(peek());
    i++;
  };
  const sequence = (close: string): unknown[] => {
    const items: unknown[] = [];
    while (peek()?.text !== close) {
      items.push(value());
      if (peek()?.text !== ",") break;
      i++;
    }
    expect(close);
    return items;
  };
  const value = (): unknown => {
    const t = peek();
    if (!t) throw new NotALiteral(undefined);
    if (t.kind === "string") {
      let text = "";
      while (peek()?.kind === "string") text += stringValue(tokens[i++]);
      return text;
    }
    if (t.kind === "number") return (i++, numberValue(t));
    if (t.text === "-" || t.text === "+") {
      i++;
      const n = peek();
      if (n?.kind !== "number") throw new NotALiteral(n);
      i++;
      const v = numberValue(n);
      return t.text === "-" ? -v : v;
    }
    if (t.kind === "name" && (t.text === "True" || t.text === "False" || t.text === "None")) return (i++, t.text === "None" ? null : t.text === "True");
    if (t.text === "[") return (i++, sequence("]"));
    if (t.text === "(") {
      i++;
      if (peek()?.text === ")") return (i++, []);
      const first = value();
      if (peek()?.text === ")") return (i++, first);
      expect(",");
      return [first, ...sequence(")")];
    }
    if (t.text === "{") {
      i++;
      const dict: Record<string, unknown> = {};
      const set: unknown[] = [];
      let isSet = false;
      while (peek()?.text !== "}") {
        const key = value();
        if (peek()?.text === ":") {
          i++;
          dict[String(key)] = value();
        } else (isSet = true), set.push(key);
        if (peek()?.text !== ",") break;
        i++;
      }
      expect("}");
      return isSet ? set : dict;
    }
    throw new NotALiteral(t);
  };
  const result = value();
  if (i < tokens.length) throw new NotALiteral(tokens[i]);
  return result;
}

function numberValue(t: PythonToken): number {
  const text = t.text.replace(/_/g, "");
  if (/[jJ]$/.test(text)) throw new NotALiteral(t);
  if (/^0[xXoObB]/.test(text)) return Number(text.toLowerCase());
  return Number(text);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** The text of a string token (prefix, quotes and escapes resolved); an f-string is not a literal. */
function stringValue(t: PythonToken): string {
  const prefix = /^[a-zA-Z]*/.exec(t.text)![0].toLowerCase();
  if (prefix.includes("f")) throw new NotALiteral(t);
  const rest = t.text.slice(prefix.length);
  const quote = rest.startsWith(rest[0].repeat(3)) ? rest[0].repeat(3) : rest[0];
  const body = rest.slice(quote.length, rest.length - quote.length);
  if (prefix.includes("r")) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r?\n|.)/g, (all, e: string) => {
    if (e in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[e];
    if (e === "\r\n") return "";
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return all;
  });
}
