import * as path from "node:path";
import Module = require("node:module");

/**
 * Registers `exports` as Node's module for `file` (an absolute path), unless Node has loaded that file
 * already: a later `require` of the file gets these exports instead of reading and compiling it. The
 * CLI's one-file bundles use it for the copies they hold of files that code outside them requires.
 */
export function registerAsNodeModule(file: string, exports: unknown): void {
  const cache = require.cache as Record<string, NodeModule | undefined>;
  if (cache[file]) return;
  const shared = new Module(file);
  shared.filename = file;
  shared.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  shared.exports = exports;
  shared.loaded = true;
  cache[file] = shared;
}
