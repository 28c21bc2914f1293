import { createEnvironment } from "../environment";
import { deepestNesting } from "./nesting-depth";

test("the deepest block of a template, with its position", () => {
  expect(deepestNesting("a\n{% if x %}{% for y in z %}\n  {% if w %}{% endif %}{% endfor %}{% endif %}")).toEqual({ depth: 3, line0: 2, col0: 2 });
  expect(deepestNesting("{% set x = 1 %}{% set y %}b{% endset %}")).toEqual({ depth: 1, line0: 0, col0: 15 });
});

test("20,000 nested ifs: a syntax error at the tag where nesting passes 1,000, not at 1:1", () => {
  const source = `select 1\n${"{% if true %}".repeat(20000)}x${"{% endif %}".repeat(20000)}`;
  let error: { code?: string; line?: number; col?: number; message?: string } | undefined;
  try {
    createEnvironment().check(source, { file: "models/deep.sql" });
  } catch (e) {
    error = e as typeof error;
  }
  expect(error).toMatchObject({ code: "TSDBT-J001", line: 2, col: 999 * 13 + 1 });
  expect(error?.message).toMatch(/nested 1,000 or more levels deep/);
});
