import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEnvironment } from "./environment";
import { JinjaError } from "./errors";
import { openTemplateCodeCache } from "./template-code-cache";

// Compiled templates are also shared in memory by every environment of a process, so each test uses
// template text no other test compiles: only then does a new environment have to ask the file.
describe("template code cache", () => {
  // made before the tests run, not when the file is read: a run that selects none of them (mutation testing) leaves nothing
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-code-cache-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = "macros/m.sql";
  let n = 0;
  const unique = () => `${process.pid}-${Date.now()}-${n++}`;

  it("serves a template checked by an earlier process from the file, and renders it the same", () => {
    const cacheFile = path.join(dir, "a.json");
    const text = `{% macro greet(name) %}hello {{ name | upper }}{% endmacro %}{{ greet('x') }} ${unique()}`;
    const filters = { [`f_${n}`]: (v: unknown) => v };
    // check() generates code without building the function (as a parse checks every macro)
    const writer = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: writer, filters }).check(text, { file });
    expect(writer.stats).toEqual({ hits: 0, misses: 1 });
    writer.save();

    const reader = openTemplateCodeCache(cacheFile);
    expect(createEnvironment({ codeCache: reader, filters }).render(text, {}, { file })).toBe(text.replace("{% macro greet(name) %}hello {{ name | upper }}{% endmacro %}{{ greet('x') }}", "hello X"));
    expect(reader.stats).toEqual({ hits: 1, misses: 0 });

    // other filters or tests are another vocabulary: the stored code is not used for it
    const other = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: other, filters: { ...filters, another: (v) => v } }).check(text, { file });
    expect(other.stats).toEqual({ hits: 0, misses: 1 });
  });

  it("gives a template's macro calls from the file as from the template itself", () => {
    const cacheFile = path.join(dir, "calls.json");
    const text = `{% macro m() %}{{ a() }}{{ pkg.b(c()) }}{{ adapter.dispatch('d', 'ns')() }}{% endmacro %} ${unique()}`;
    const writer = openTemplateCodeCache(cacheFile);
    const parsed = createEnvironment({ codeCache: writer }).check(text, { file });
    writer.save();
    const reader = openTemplateCodeCache(cacheFile);
    expect(createEnvironment({ codeCache: reader }).check(text, { file })).toEqual(parsed);
    expect(reader.stats).toEqual({ hits: 1, misses: 0 });
    expect(parsed).toEqual([{ name: "a" }, { package: "pkg", name: "b" }, { name: "c" }, { dispatch: "d", namespace: "ns" }]);
  });

  it("keeps entries of earlier saves when a later process adds one", () => {
    const cacheFile = path.join(dir, "b.json");
    const vocab = { [`h_${unique().replace(/-/g, "_")}`]: (v: unknown) => v };
    const a = `{{ 'a' }} ${unique()}`;
    const b = `{{ 'b' }} ${unique()}`;
    const one = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: one, filters: vocab }).check(a, { file });
    one.save();
    const two = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: two, filters: { ...vocab, extra: (v) => v } }).check(b, { file });
    two.save();
    const entries = (JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { entries: Record<string, string> }).entries;
    expect(Object.keys(entries)).toHaveLength(2);
  });

  it("never stores a template with a syntax error: it fails again in the next process", () => {
    const cacheFile = path.join(dir, "c.json");
    const broken = `{% if x %} ${unique()}`;
    const first = openTemplateCodeCache(cacheFile);
    expect(() => createEnvironment({ codeCache: first }).check(broken, { file })).toThrow(JinjaError);
    first.save();
    expect(fs.existsSync(cacheFile)).toBe(false);
  });

  it("treats a torn file or one written by another build of tsdbt as empty", () => {
    const torn = path.join(dir, "d.json");
    fs.writeFileSync(torn, '{"compiler":"x","entries":{"k":');
    const cache = openTemplateCodeCache(torn);
    expect(cache.get("v", "s")).toBeUndefined();
    const foreign = path.join(dir, "e.json");
    fs.writeFileSync(foreign, JSON.stringify({ compiler: "another build", entries: {} }));
    const text = `{{ 'z' }} ${unique()}`;
    const env = openTemplateCodeCache(foreign);
    expect(createEnvironment({ codeCache: env, filters: { [`k_${n}`]: (v) => v } }).render(text, {}, { file })).toBe(text.replace("{{ 'z' }}", "z"));
    expect(env.stats).toEqual({ hits: 0, misses: 1 });
  });
});
