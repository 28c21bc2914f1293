import { createEnvironment } from "../environment";
import type { TemplateToCheck } from "../api";
import { startCheckWorker } from "./start-check-worker";
import * as generateCodeModule from "./generate-code";

// checkAll on a worker thread must give what check() gives on the calling thread, template by template.
// The worker runs the built script (dist/check-worker/worker-entry.js, written by `tsc --build`).
const file = "macros/m.sql";
const at = (source: string, lineOffset = 1): TemplateToCheck => ({ source, options: { file, lineOffset } });
const fine = "{% macro greet(name) %}hello {{ name | upper }}{% endmacro %}";
const unclosed = "{% macro broken() %}\n  {% if x %}a\n{% endmacro %}";
const unknownFilter = "{% macro f() %}{{ 1 | no_such_filter }}{% endmacro %}";
// far deeper than any parser's stack: the worker fails on it, the calling thread reports its usual error
const tooDeep = `select 1\n${"{% if true %}".repeat(20000)}x${"{% endif %}".repeat(20000)}`;
// deep, but within the calling thread's stack: compiles (on the worker or, failing there, here)
const deep = `${"{% if true %}".repeat(150)}x${"{% endif %}".repeat(150)}`;

// Jinja2 3.1.6's wording for the unclosed `if` of `unclosed`
const endmacroInIf = "Syntax error: Encountered unknown tag 'endmacro'. You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.";

const errorOf = (e: unknown) => (e === undefined ? undefined : { code: (e as { code: string }).code, line: (e as { line: number }).line, col: (e as { col: number }).col, message: (e as Error).message });

describe("the check worker", () => {
  it("posts each template's code, or that it failed, and finish() waits for all of them", () => {
    const worker = startCheckWorker({ toCheck: [fine, unclosed, unknownFilter], toRender: ["plain text", "{{ 1 +"], callable: [], filters: ["upper"], tests: [] });
    expect(worker).toBeDefined();
    const results: [number, string | undefined][] = [];
    worker!.finish((index, code) => results.push([index, code]));
    // the templates to render first, then the macros
    expect(results.map(([index, code]) => [index, typeof code])).toEqual([[3, "string"], [4, "undefined"], [0, "string"], [1, "undefined"], [2, "undefined"]]);
  });

  it("skips a template the caller claimed before the worker got to it (the caller compiles it itself)", () => {
    const worker = startCheckWorker({ toCheck: [fine, unclosed, unknownFilter], toRender: ["plain text"], callable: [], filters: ["upper"], tests: [] });
    // claimed at once: the worker has not even read its work yet
    worker!.claim(3);
    worker!.claim(1);
    const results: number[] = [];
    worker!.finish((index) => results.push(index));
    expect(results).toEqual([0, 2]);
  });

  it("lets the caller take, while it waits, the templates the worker has not started: each one is compiled once", () => {
    const macros = Array.from({ length: 40 }, (_, i) => `{% macro m${i}() %}{{ ${i} | upper }}{% endmacro %}`);
    const worker = startCheckWorker({ toCheck: macros, toRender: [], callable: [], filters: ["upper"], tests: [] });
    const posted: number[] = [];
    const stolen: number[] = [];
    worker!.finish((index) => posted.push(index), macros.map((_, i) => i), (index) => stolen.push(index));
    // the caller starts from the end before the worker has even read its work
    expect(stolen[0]).toBe(39);
    expect([...posted, ...stolen].sort((a, b) => a - b)).toEqual(macros.map((_, i) => i));
  });
});

describe("checkAll", () => {
  const templates = [at(fine), at(unclosed, 10), at(unknownFilter, 20), at(tooDeep), at(deep), at(unclosed, 30)];
  const expected = [
    undefined,
    { code: "TSDBT-J001", line: 12, col: 4, message: endmacroInIf },
    { code: "TSDBT-J001", line: 20, col: 23, message: "Syntax error: No filter named 'no_such_filter'." },
    { code: "TSDBT-J001", line: 2, col: 999 * 13 + 1, message: "Syntax error: blocks are nested 1,000 or more levels deep here, more than the template parser can follow." },
    undefined,
    { code: "TSDBT-J001", line: 32, col: 4, message: endmacroInIf },
  ];

  it("on a worker thread gives each template's error in order, as check() does on this thread", () => {
    const onWorker = createEnvironment().checkAll(templates, { worker: "always" })();
    const here = createEnvironment().checkAll(templates, { worker: "never" })();
    expect(onWorker.map(errorOf)).toEqual(expected);
    expect(here.map(errorOf)).toEqual(expected);
  });

  it("renders a template with the code the worker generated, or generates it here when the worker has not got to it", () => {
    const env = createEnvironment({ filters: { shout: (v) => `${String(v)}!` } });
    const early = "{{ 'early' | shout }}";
    const late = "{{ 'late' | shout }}";
    const model = "{{ greet('x') }} {{ 1 | shout }}";
    const broken = "{{ 1 + }}";
    const builtin = "{% macro type_text() %}text{% endmacro %}";
    const finish = env.checkAll([at(early), at(late)], { worker: "always", toRender: () => [model, broken, "{{ type_text() }}"], callable: () => [builtin] });
    expect(env.render(early, {}, { file })).toBe("early!");
    expect(finish()).toEqual([undefined, undefined]);
    expect(env.render(late, {}, { file })).toBe("late!");
    // templates to render, compiled on the worker too: rendered as always, errors located as always
    expect(env.render(model, { greet: (n: string) => `hi ${n}` }, { file })).toBe("hi x 1!");
    expect(() => env.render(broken, {}, { file, lineOffset: 5 })).toThrow(expect.objectContaining({ code: "TSDBT-J001", line: 5, col: 8 }));
    expect(env.bindMacro({ name: "type_text", source: builtin, file, line: 1 }, {})()).toEqual("text");
  });

  it("gives a compiled template's calls from the worker's code, without generating the template again here", () => {
    const env = createEnvironment();
    const model = "select {{ dbt_utils.star('x') }}, {{ helper() }}";
    env.checkAll([at(fine)], { worker: "always", toRender: () => [model] })();
    // rendered with the worker's code, as a parse renders its models
    expect(env.render(model, { dbt_utils: { star: () => "s" }, helper: () => "h" }, { file })).toBe("select s, h");
    const generate = jest.spyOn(generateCodeModule, "generateCode");
    try {
      // what a parse may ask afterwards (a macro's depends_on)
      expect(env.check(model, { file })).toEqual([{ package: "dbt_utils", name: "star" }, { name: "helper" }]);
      expect(generate).not.toHaveBeenCalled();
    } finally {
      generate.mockRestore();
    }
  });
});
