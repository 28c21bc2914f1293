import { createEnvironment } from "./environment";
import { JinjaError } from "./errors";

// Messages follow Jinja2 3.1.6's wording where it has one (checked with scripts/jinja2-render.py);
// locations are tsdbt's: an unclosed block points at its opening `{%`, other errors at the offending token.
const env = createEnvironment();

function syntaxErrorOf(source: string): { message: string; line: number; col: number; code: string } {
  try {
    env.check(source, { file: "models/m.sql" });
  } catch (e) {
    expect(e).toBeInstanceOf(JinjaError);
    const err = e as JinjaError;
    return { message: err.message, line: err.line, col: err.col, code: err.code };
  }
  throw new Error(`no syntax error in ${JSON.stringify(source)}`);
}

const looking = (tags: string, inner: string) => `Jinja was looking for the following tags: ${tags}. The innermost block that needs to be closed is '${inner}'.`;

describe("syntax errors", () => {
  it.each([
    ["if", "select 1\n  {% if x %}\nb", 2, 3, looking("'elif' or 'else' or 'endif'", "if")],
    ["if/elif", "{% if x %}a{% elif y %}b", 1, 1, looking("'elif' or 'else' or 'endif'", "if")],
    ["if/else", "\n{%- if x %}a{% else %}b", 2, 1, looking("'endif'", "if")],
    ["for", "a {% for x in y %}a", 1, 3, looking("'endfor' or 'else'", "for")],
    ["for/else", "{% for x in y %}a{% else %}", 1, 1, looking("'endfor'", "for")],
    ["macro", "x\n\n{% macro m(a, b=1) %}{{ a }}", 3, 1, looking("'endmacro'", "macro")],
    ["set block", "{%- set x -%}a", 1, 1, looking("'endset'", "set")],
    ["call", "{% call m() %}a", 1, 1, looking("'endcall'", "call")],
    ["call with args", "{% call(row) m() %}a", 1, 1, looking("'endcall'", "call")],
    ["filter", "{% filter upper %}a", 1, 1, looking("'endfilter'", "filter")],
    ["with", "{% with a = 1 %}a", 1, 1, looking("'endwith'", "with")],
    ["innermost of two", "{% for x in y %}\n  {% if x %}{% endfor %}", 2, 16, "Encountered unknown tag 'endfor'. You probably made a nesting mistake."],
  ])("an unclosed %s block names the tags it needs, at the opening tag", (_name, source, line, col, text) => {
    const err = syntaxErrorOf(source);
    expect(err.code).toBe("TSDBT-J001");
    expect(err.message).toContain(text);
    if (!text.startsWith("Encountered")) expect(err.message).toMatch(/^Syntax error: Unexpected end of template\. /);
    expect([err.line, err.col]).toEqual([line, col]);
  });

  it.each([
    ["a misspelt end tag", "{% for x in y %}\n{% endfo %}", 2, 4, `Syntax error: Encountered unknown tag 'endfo'. ${looking("'endfor' or 'else'", "for")}`],
    ["an unknown tag", "a\n {% foo %}", 2, 5, "Syntax error: Encountered unknown tag 'foo'."],
    ["a stray endif", "a{% endif %}", 1, 5, "Syntax error: Encountered unknown tag 'endif'. There is no open 'if' block for it to close."],
    ["a stray else", "{% else %}", 1, 4, "Syntax error: Encountered unknown tag 'else'. There is no open 'if' or 'for' block for it to close."],
    ["the wrong end tag", "{% if x %}{% endfor %}", 1, 14, `Syntax error: Encountered unknown tag 'endfor'. ${looking("'elif' or 'else' or 'endif'", "if")}`],
    [
      "a nesting mistake",
      "{% if x %}{% for y in z %}{% endif %}",
      1,
      30,
      "Syntax error: Encountered unknown tag 'endif'. You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.",
    ],
    ["an unterminated expression", "select\n  {{ x", 2, 3, "Syntax error: Unexpected end of template: the expression is not closed with '}}'."],
    ["a missing operand", "{{ x + }}", 1, 8, "Syntax error: Expected an expression, got '}}'."],
    ["an empty expression", "{{ }}", 1, 4, "Syntax error: Expected an expression, got '}}'."],
    ["a missing condition", "{% if %}{% endif %}", 1, 7, "Syntax error: Expected an expression, got '%}'."],
    ["two expressions", "{{ x y }}", 1, 6, "Syntax error: Expected the end of the expression ('}}'), got 'y'."],
    ["a single brace", "{{ x }", 1, 6, "Syntax error: Expected the end of the expression ('}}'), got '}'."],
    ["junk in a tag", "{% if x y %}{% endif %}", 1, 9, "Syntax error: Expected the end of the 'if' tag ('%}'), got 'y'."],
    ["an unterminated tag", "{% if x %}\n{% endif", 2, 1, "Syntax error: Unexpected end of template: the 'endif' tag is not closed with '%}'."],
    ["an empty tag", "a\n{% %}", 2, 4, "Syntax error: Expected a tag name after '{%', got '%}'."],
    ["an unclosed paren", "{{ (1 }}", 1, 7, "Syntax error: Expected ')', got '}}'."],
    ["an unclosed list", "{{ [1, 2 }}", 1, 10, "Syntax error: Expected ',' or ']' in the list, got '}}'."],
    ["an unclosed call", "{{ f(1,\n  2 }}", 2, 5, "Syntax error: Expected ',' or ')' in the argument list, got '}}'."],
    ["a call at the end", "x {{ f(1", 1, 3, "Syntax error: Expected ',' or ')' in the argument list, got the end of the template."],
    ["an unclosed raw block", "a {% raw %}{{ x }}", 1, 3, "Syntax error: Missing end of raw directive: '{% raw %}' needs a matching '{% endraw %}'."],
  ])("%s", (_name, source, line, col, message) => {
    const err = syntaxErrorOf(source);
    expect(err.message).toBe(message);
    expect([err.line, err.col]).toEqual([line, col]);
  });

  it("never reports a JavaScript error and offsets lines for slices of a file", () => {
    let err: JinjaError | undefined;
    try {
      env.render("{% macro m() %}\n{% if x %}\n{% endmacro %}", {}, { file: "macros/m.sql", lineOffset: 10 });
    } catch (e) {
      err = e as JinjaError;
    }
    expect(err?.message).toBe(`Syntax error: Encountered unknown tag 'endmacro'. You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.`);
    expect([err?.file, err?.line, err?.col, err?.snippet]).toEqual(["macros/m.sql", 12, 4, "{% endmacro %}"]);
  });

  it("raw blocks honour whitespace control and end at the first endraw", () => {
    expect(env.render("x {%- raw -%}  a {{ b }}  {%- endraw -%}  y", {}, { file: "f" })).toBe("xa {{ b }}y");
    expect(env.render("x {%- raw %} a {% endraw -%} y", {}, { file: "f" })).toBe("x a y");
  });
});
