#!/usr/bin/env node
// Writes packages/core/dist/builtin-macro-calls.json: the macro calls of every built-in macro (what
// the parse's static scan gives for depends_on.macros), keyed by the sha1 of the macro's text, so a
// parse reads no built-in template it does not render. Run after `tsc --build` (npm run build does).
import * as fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createEnvironment, extractBlocks } = require("@tsdbt/jinja");
const { builtinMacroFiles } = require("../dist/parse/load-macros.js");
const { BUILTIN_CALLS_FILE, builtinCallsKey } = require("../dist/parse/builtin-macro-calls.js");

const env = createEnvironment();
const table = {};
for (const file of builtinMacroFiles()) {
  for (const block of extractBlocks(file.contents, file.path).blocks) {
    table[builtinCallsKey(block.source)] = env.check(block.source, { file: file.path, lineOffset: block.line });
  }
}
fs.writeFileSync(BUILTIN_CALLS_FILE, `${JSON.stringify(table)}\n`);
