import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEnvironment } from "./environment";
import { JinjaError } from "./errors";
import { openCacheFile } from "./template-cache-file";
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
    const written = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { index: Record<string, [number, number]>; codes: string[] };
    expect(Object.keys(written.index)).toHaveLength(2);
    expect(written.codes).toHaveLength(2);
  });

  it("is one JSON object whose index says where each code's literal is, in bytes after `\"codes\":[`", () => {
    const cacheFile = path.join(dir, "layout.json");
    const writer = openTemplateCodeCache(cacheFile);
    // text beyond ASCII: offsets count bytes, not characters
    for (const t of [`{{ 'é' }} ${unique()}`, `{{ 'b' }} ${unique()}`]) createEnvironment({ codeCache: writer }).check(t, { file });
    writer.save();
    const bytes = fs.readFileSync(cacheFile);
    const whole = JSON.parse(bytes.toString("utf8")) as { index: Record<string, [number, number]>; codes: string[] };
    const base = bytes.indexOf(',"codes":[') + ',"codes":['.length;
    const located = Object.values(whole.index).map(([start, length]) => JSON.parse(bytes.toString("utf8", base + start, base + start + length)) as string);
    expect(located.sort()).toEqual([...whole.codes].sort());
    expect(located.some((code) => code.includes("é"))).toBe(true);
  });

  it("reads codes one by one, then the rest of the file at once, and renders them all the same", () => {
    const cacheFile = path.join(dir, "many.json");
    const texts = Array.from({ length: 40 }, (_, i) => `{{ ${i} + 1 }} ${unique()}`);
    const writer = openTemplateCodeCache(cacheFile);
    for (const t of texts) createEnvironment({ codeCache: writer }).check(t, { file });
    writer.save();
    const reader = openTemplateCodeCache(cacheFile);
    const env = createEnvironment({ codeCache: reader });
    texts.forEach((t, i) => expect(env.render(t, {}, { file })).toBe(t.replace(`{{ ${i} + 1 }}`, String(i + 1))));
    expect(reader.stats).toEqual({ hits: 40, misses: 0 });
  });

  it("keeps the codes it did not look up when it saves, and they still render", () => {
    const cacheFile = path.join(dir, "kept.json");
    const [a, b, c] = [`{{ 'a' ~ 1 }} ${unique()}`, `{{ 'b' ~ 2 }} ${unique()}`, `{{ 'c' ~ 3 }} ${unique()}`];
    const first = openTemplateCodeCache(cacheFile);
    for (const t of [a, b]) createEnvironment({ codeCache: first }).check(t, { file });
    first.save();
    const second = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: second }).check(a, { file });
    createEnvironment({ codeCache: second }).check(c, { file });
    second.save();
    const third = openTemplateCodeCache(cacheFile);
    const env = createEnvironment({ codeCache: third });
    expect([a, b, c].map((t) => env.render(t, {}, { file }).split(" ")[0])).toEqual(["a1", "b2", "c3"]);
    expect(third.stats).toEqual({ hits: 3, misses: 0 });
  });

  it("reads no code from a file replaced after it was opened (another process saved): those lookups miss", () => {
    const cacheFile = path.join(dir, "replaced.json");
    const text = `{{ 'r' }} ${unique()}`;
    const writer = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: writer }).check(text, { file });
    writer.save();
    const reader = openTemplateCodeCache(cacheFile);
    const other = openTemplateCodeCache(cacheFile);
    createEnvironment({ codeCache: other }).check(`{{ 'o' }} ${unique()}`, { file });
    other.save();
    expect(createEnvironment({ codeCache: reader }).render(text, {}, { file })).toBe(text.replace("{{ 'r' }}", "r"));
    expect(reader.stats).toEqual({ hits: 0, misses: 1 });
  });

  it("a file removed after it was opened (tsdbt clean) or an index entry that is not a place makes lookups miss, never fail", () => {
    const cacheFile = path.join(dir, "removed.json");
    const [a, b] = [`{{ 'a' }} ${unique()}`, `{{ 'b' }} ${unique()}`];
    const writer = openTemplateCodeCache(cacheFile);
    for (const t of [a, b]) createEnvironment({ codeCache: writer }).check(t, { file });
    writer.save();
    const reader = openTemplateCodeCache(cacheFile);
    fs.rmSync(cacheFile);
    expect(createEnvironment({ codeCache: reader }).render(a, {}, { file })).toBe(a.replace("{{ 'a' }}", "a"));
    expect(reader.stats).toEqual({ hits: 0, misses: 1 });

    const broken = path.join(dir, "broken-index.json");
    fs.writeFileSync(broken, JSON.stringify({ compiler: "c", index: { x: ["no", -1], y: [0, 1e9] }, codes: ["code"] }));
    const file2 = openCacheFile(broken, "c")!;
    expect([...file2.keys]).toEqual(["x", "y"]);
    expect([file2.code("x"), file2.code("y")]).toEqual([undefined, undefined]);
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
