import * as fs from "node:fs";
import * as path from "node:path";
import { createEnvironment, extractBlocks } from "@tsdbt/jinja";
import { builtinMacroIndex, storedBlocks, storedBuiltinCalls } from "./builtin-macro-index";
import { BUILTIN_MACROS_DIR, builtinMacroFiles, loadMacros } from "./load-macros";
import { MacroRegistry } from "../context/macro-registry";

// The build's index of built-in macro folders (scripts/builtin-macro-index.mjs, run by npm run build)
// must say what reading the files would: each file's blocks and each macro's calls.
const packagesDir = path.resolve(BUILTIN_MACROS_DIR, "..", "..", "..");
const folders = [BUILTIN_MACROS_DIR, ...["duckdb", "postgres", "snowflake", "bigquery"].map((a) => path.join(packagesDir, `adapter-${a}`, "include", "macros"))];
const env = createEnvironment();

describe("the built-in macro index", () => {
  for (const dir of folders) {
    const name = path.relative(packagesDir, dir);
    it(`holds the blocks and calls of every macro of ${name}`, () => {
      expect(builtinMacroIndex(dir)).not.toBeNull();
      const files = fs.readdirSync(dir).filter((f) => f.endsWith(".sql"));
      expect(files.length).toBeGreaterThan(0);
      for (const relPath of files) {
        const contents = fs.readFileSync(path.join(dir, relPath), "utf8");
        const read = extractBlocks(contents, `macros/${relPath}`).blocks;
        const stored = storedBlocks(dir, relPath, contents);
        expect(stored?.map((b) => [b.kind, b.name, b.source ?? b.written, b.written, b.line, b.col])).toEqual(read.map((b) => [b.kind, b.name, b.source, b.written, b.line, b.col]));
        for (const b of read) expect(storedBuiltinCalls(b.source, [dir])).toEqual(env.check(b.source, { file: `macros/${relPath}`, lineOffset: b.line }));
      }
    });
  }

  it("is not used for a text it was not made from (a built-in edited since the build)", () => {
    const [relPath] = fs.readdirSync(BUILTIN_MACROS_DIR).filter((f) => f.endsWith(".sql"));
    const contents = fs.readFileSync(path.join(BUILTIN_MACROS_DIR, relPath), "utf8");
    expect(storedBlocks(BUILTIN_MACROS_DIR, relPath, `${contents}\n{% macro added() %}1{% endmacro %}\n`)).toBeUndefined();
    expect(storedBuiltinCalls("{% macro added() %}{{ other() }}{% endmacro %}", folders)).toBeUndefined();
    // read from the text then: the edited file's new macro is registered
    const registry = new MacroRegistry("p", ["duckdb", "default"]);
    const edited = { ...builtinMacroFiles()[0], contents: `${contents}\n{% macro added() %}1{% endmacro %}\n`, blocks: undefined };
    loadMacros([edited], registry);
    expect(registry.all().map((m) => m.name)).toContain("added");
  });

  it("gives loadMacros the built-in files' blocks", () => {
    const files = builtinMacroFiles();
    expect(files.every((f) => f.blocks !== undefined)).toBe(true);
    const fromIndex = new MacroRegistry("p", ["duckdb", "default"]);
    const fromText = new MacroRegistry("p", ["duckdb", "default"]);
    const a = loadMacros(files, fromIndex);
    const b = loadMacros(files.map((f) => ({ ...f, blocks: undefined })), fromText);
    const timeless = (r: typeof a) => ({ ...r, macros: Object.fromEntries(Object.entries(r.macros).map(([id, m]) => [id, { ...m, created_at: 0 }])) });
    expect(Object.keys(a.macros).length).toBeGreaterThan(300);
    expect(timeless(a)).toEqual(timeless(b));
    expect(fromIndex.all()).toEqual(fromText.all());
  });
});
