import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The docs package's root folder (the same from dist/site and src/site). */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/**
 * Bundles the compiled browser app (dist/client/main.js and the relative modules it requires)
 * into one classic script: each CommonJS module becomes a function in a table, and a small
 * loader resolves the `require` calls, which were mapped to table keys here. No bundler needed,
 * so the page runs from file:// with a plain <script> tag.
 */
export function bundleClient(entry = path.join(PACKAGE_ROOT, "dist", "client", "main.js")): string {
  if (!existsSync(entry)) throw new Error(`The docs site's browser code is not built (${entry} is missing); run \`npm run build\`.`);
  const base = path.dirname(path.dirname(entry));
  const modules = new Map<string, { code: string; deps: Record<string, string> }>();
  const visit = (file: string): string => {
    const id = path.relative(base, file).split(path.sep).join("/");
    if (modules.has(id)) return id;
    const source = readFileSync(file, "utf8").replace(/\n\/\/# sourceMappingURL=.*$/m, "");
    const record = { code: source, deps: {} as Record<string, string> };
    modules.set(id, record);
    for (const m of source.matchAll(/require\("([^"]+)"\)/g)) {
      const spec = m[1];
      if (!spec.startsWith(".")) throw new Error(`The docs browser code may only require its own modules; ${id} requires '${spec}'.`);
      const resolved = path.resolve(path.dirname(file), spec.endsWith(".js") ? spec : `${spec}.js`);
      record.deps[spec] = visit(resolved);
    }
    return id;
  };
  const root = visit(entry);
  const table = [...modules].map(([id, m]) => `${JSON.stringify(id)}: [function (require, module, exports) {\n${m.code}\n}, ${JSON.stringify(m.deps)}]`).join(",\n");
  return `(function () {
"use strict";
var defs = {
${table}
};
var cache = {};
function load(id) {
  if (cache[id]) return cache[id].exports;
  var module = { exports: {} };
  cache[id] = module;
  var def = defs[id];
  def[0].call(module.exports, function (spec) { return load(def[1][spec]); }, module, module.exports);
  return module.exports;
}
load(${JSON.stringify(root)});
})();
`;
}
