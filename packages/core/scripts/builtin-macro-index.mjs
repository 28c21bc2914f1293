#!/usr/bin/env node
// Writes the index of each built-in macro folder, tsdbt's own (packages/core/include/macros) and each
// first-party adapter's (packages/adapter-*/include/macros), to <package>/dist/builtin-macro-index.json:
// every file's blocks and every macro's static calls (see src/parse/builtin-macro-index.ts), so a parse
// reads no built-in template it does not render. Run after `tsc --build` (npm run build does).
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createEnvironment, extractBlocks } = require("@tsdbt/jinja");
const { BUILTIN_MACROS_DIR } = require("../dist/parse/load-macros.js");
const { builtinMacroIndexFile, textKey } = require("../dist/parse/builtin-macro-index.js");

const packagesDir = path.resolve(BUILTIN_MACROS_DIR, "..", "..", "..");
const adapterDirs = fs
  .readdirSync(packagesDir)
  .filter((name) => name.startsWith("adapter-"))
  .map((name) => path.join(packagesDir, name, "include", "macros"))
  .filter((dir) => fs.existsSync(dir) && fs.existsSync(path.join(dir, "..", "..", "dist")));

const env = createEnvironment();
for (const dir of [BUILTIN_MACROS_DIR, ...adapterDirs]) {
  const index = { files: {}, calls: {} };
  for (const relPath of fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
    const contents = fs.readFileSync(path.join(dir, relPath), "utf8");
    const { blocks, errors, warnings } = extractBlocks(contents, `macros/${relPath}`);
    // a file with problems is read at parse time, which reports them
    if (errors.length || warnings.length) continue;
    index.files[relPath] = {
      sha1: textKey(contents),
      blocks: blocks.map((b) => ({ kind: b.kind, name: b.name, written: b.written, line: b.line, col: b.col, ...(b.source === b.written ? {} : { source: b.source }) })),
    };
    for (const b of blocks) index.calls[textKey(b.source)] = env.check(b.source, { file: `macros/${relPath}`, lineOffset: b.line });
  }
  fs.writeFileSync(builtinMacroIndexFile(dir), `${JSON.stringify(index)}\n`);
}
