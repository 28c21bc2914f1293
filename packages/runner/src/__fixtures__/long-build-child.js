// Child process for the kill -9 test: builds model `m` with a query that runs for minutes
// on the DuckDB file given as argv[2], printing BUILDING once the table's CREATE starts.
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const packages = path.resolve(__dirname, "../../..");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const match = /^@tsdbt\/([a-z-]+)$/.exec(request);
  return resolve.call(this, match ? path.join(packages, match[1], "src", "index.ts") : request, ...rest);
};
require.extensions[".ts"] = (module, filename) => {
  const options = { fileName: filename, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true } };
  module._compile(ts.transpileModule(fs.readFileSync(filename, "utf8"), options).outputText, filename);
};

const { openDuckDb, project } = require("./harness.ts");
const { runNodes } = require("../run-nodes.ts");

(async () => {
  const { adapter } = await openDuckDb({ dir: process.argv[2], threads: 1 });
  const watched = Object.create(adapter);
  watched.transaction = (fn) =>
    adapter.transaction((tx) =>
      fn({
        execute: (sql, options) => {
          if (/^create (or replace )?table /.test(sql)) process.stdout.write("BUILDING\n");
          return tx.execute(sql, options);
        },
      }),
    );
  const long = "select i as v from range(100000000000) t(i) where i % 1000003 = 7 order by i desc";
  const { manifest, compiler, ids } = project(adapter, [{ name: "m", sql: long, config: { materialized: "table" } }]);
  await runNodes({ manifest, compiler, adapter: watched, selected: ids, threads: 1, projectDir: process.argv[2] });
  process.stdout.write("FINISHED\n");
})();
