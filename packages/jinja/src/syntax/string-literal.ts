/** Single-character escapes Python's `unicode-escape` codec knows. */
const SIMPLE: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "" };

/**
 * The value of a Jinja2 string literal's body (the text between its quotes), decoded as Jinja2
 * decodes it: newlines normalised, then Python's escapes (`\n`, `\'`, `\x41`, `\u00e9`, `\101`, a
 * backslash before a newline continues the line). A backslash before any other character stays,
 * so `'\s+'` and `'\g<1>'` reach `modules.re` as written.
 */
export function decodeStringLiteral(body: string): string {
  const text = body.replace(/\r\n?/g, "\n");
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      out += String.fromCodePoint(parseInt(octal[0], 8));
      i += octal[0].length;
      continue;
    }
    const width = { x: 2, u: 4, U: 8 }[next as "x"];
    const hex = width ? text.slice(i + 2, i + 2 + width) : "";
    if (width && hex.length === width && /^[0-9a-fA-F]+$/.test(hex)) {
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + width;
      continue;
    }
    out += c;
  }
  return out;
}
