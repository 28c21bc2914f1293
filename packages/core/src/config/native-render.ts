import { hostFunction, PyFloat, pyStr, Tuple, type JinjaEnvironment } from "@tsdbt/jinja";
import { parsePythonLiteral } from "./python-literal";

/** dbt's filters that mark rendered text for conversion into a value. */
const MARKER_FILTER = /\|\s*(as_number|as_bool|as_native|as_text)\s*$/;
const KEYWORDS = new Set(["true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else"]);
const CAPTURE = "__tsdbt_native_value";

/** Thrown when an `as_bool` or `as_number` value is not of that type (dbt fails the same way). */
export class NativeConversionError extends Error {}

/**
 * Renders a YAML string the way dbt renders dbt_project.yml, profiles.yml, selectors.yml and
 * properties files (Jinja's native mode with dbt's rules):
 * - text without Jinja stays as it is;
 * - when the whole output is one `{{ expr }}` (blocks such as `{% if %}` around it allowed), the
 *   value is the expression's value itself (a number, a boolean, a list, a mapping, None), unless
 *   the expression is made of literals only (Jinja folds it to text when compiling, so
 *   `"{{ 1 }}"` stays the text `1`);
 * - then `| as_native` reads the text as a Python literal, `| as_number` and `| as_bool` too but
 *   fail unless it is a number or a boolean, and `| as_text` keeps it as text;
 * - any other output (text around the tags, several tags) is the rendered text.
 */
export function renderNative(env: JinjaEnvironment, text: string, scope: Record<string, unknown>, file: string): unknown {
  if (!text.includes("{{") && !text.includes("{%")) return text;
  const instrumented = instrument(text);
  if (instrumented.expressions.length === 0) return env.render(text, scope, { file });
  const outputs: { index: number; value: unknown }[] = [];
  const capture = hostFunction(([index, value]) => {
    outputs.push({ index: Number(index), value });
    return value;
  });
  const withCapture = Object.assign(Object.create(scope) as Record<string, unknown>, { [CAPTURE]: capture });
  let rendered: string;
  try {
    rendered = env.render(instrumented.source, withCapture, { file });
  } catch (e) {
    // a template the rewriting does not suit (it is checked by rendering the original)
    if ((e as { code?: string }).code !== "TSDBT-J001") throw e;
    return env.render(text, scope, { file });
  }
  if (outputs.length !== 1 || rendered !== pyStr(outputs[0].value)) return rendered;
  const expression = instrumented.expressions[outputs[0].index];
  const marker = MARKER_FILTER.exec(expression);
  if (marker) return convertMarked(rendered, marker[1]);
  return isConstantExpression(expression) ? rendered : plainValue(outputs[0].value);
}

/**
 * The template with every `{{ expr }}` turned into `{{ capture(i, expr) }}` (same output), and the
 * expressions in order. Comments and `{% raw %}` blocks are left alone.
 */
function instrument(text: string): { source: string; expressions: string[] } {
  const expressions: string[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("{", i);
    if (open < 0 || open === text.length - 1) break;
    const next = text[open + 1];
    if (next === "#") {
      const close = text.indexOf("#}", open + 2);
      const end = close < 0 ? text.length : close + 2;
      out += text.slice(i, end);
      i = end;
    } else if (next === "%" || next === "{") {
      const closer = next === "%" ? "%}" : "}}";
      const close = closeOf(text, open + 2, closer);
      if (close < 0) return { source: text, expressions: [] };
      const inner = text.slice(open + 2, close);
      if (next === "%" && /^[-+]?\s*raw\s*[-+]?$/.test(inner)) {
        const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/.exec(text.slice(close));
        const end = endRaw ? close + endRaw.index + endRaw[0].length : text.length;
        out += text.slice(i, end);
        i = end;
        continue;
      }
      if (next === "%") {
        out += text.slice(i, close + 2);
      } else {
        const lead = /^[-+]/.test(inner) ? inner[0] : "";
        const trail = /[-+]$/.test(inner) && inner.length > lead.length ? inner[inner.length - 1] : "";
        const expression = inner.slice(lead.length, inner.length - trail.length).trim();
        out += `${text.slice(i, open)}{{${lead} ${CAPTURE}(${expressions.length}, ${expression}) ${trail}}}`;
        expressions.push(expression);
      }
      i = close + 2;
    } else {
      out += text.slice(i, open + 1);
      i = open + 1;
    }
  }
  return { source: out + text.slice(i), expressions };
}

/** Where `closer` ends a tag that starts at `from`, skipping string literals; -1 when it never does. */
function closeOf(text: string, from: number, closer: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === "'" || c === '"') {
      let k = j + 1;
      while (k < text.length && text[k] !== c) k += text[k] === "\\" ? 2 : 1;
      j = k;
    } else if (text.startsWith(closer, j)) {
      return j;
    }
  }
  return -1;
}

/** The expression with string literals blanked out; `undefined` if a string is left open. */
function stripStrings(expr: string): string | undefined {
  let out = "";
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c !== "'" && c !== '"') {
      out += c;
      continue;
    }
    let j = i + 1;
    while (j < expr.length && expr[j] !== c) j += expr[j] === "\\" ? 2 : 1;
    if (j >= expr.length) return undefined;
    out += '""';
    i = j;
  }
  return out;
}

/**
 * Whether Jinja would fold the expression to a constant when compiling: no variable, function
 * or macro is named in it (filter and test names, attribute names and keyword-argument names
 * do not count).
 */
export function isConstantExpression(expr: string): boolean {
  const bare = stripStrings(expr);
  if (bare === undefined) return false;
  const word = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = word.exec(bare); m; m = word.exec(bare)) {
    const name = m[0];
    if (KEYWORDS.has(name)) continue;
    const before = bare.slice(0, m.index).trimEnd();
    if (/[.|]$/.test(before) || /(?:^|\W)is(?:\s+not)?$/.test(before)) continue;
    if (/^\s*=(?!=)/.test(bare.slice(m.index + name.length))) continue;
    if (/\d$/.test(bare.slice(0, m.index))) continue; // an exponent or suffix inside a number
    return false;
  }
  return true;
}

/** The value a marker filter (`as_number`, `as_bool`, `as_native`, `as_text`) makes of rendered text. */
export function convertMarked(rendered: string, filter: string): unknown {
  if (filter === "as_text") return rendered;
  const literal = parsePythonLiteral(rendered);
  const value = literal ? literal.value : rendered;
  if (filter === "as_bool" && typeof value !== "boolean") throw new NativeConversionError(`Could not convert value '${rendered}' into type 'bool'.`);
  if (filter === "as_number" && typeof value !== "number") throw new NativeConversionError(`Could not convert value '${rendered}' into type 'number'.`);
  return value;
}

/** A template value as plain YAML-like data: Python floats and tuples become numbers and lists. */
function plainValue(v: unknown): unknown {
  if (v === undefined) return "";
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof String) return String(v);
  if (Array.isArray(v) || v instanceof Tuple) return Array.from(v as unknown[], plainValue);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = plainValue(x);
    return out;
  }
  return pyStr(v);
}
