import { execFileSync } from "node:child_process";
import * as path from "node:path";

// parse and compile only name relations; loading the native driver costs ~0.1 s of every command
test("describing a target and quoting never load the native DuckDB driver", () => {
  const dist = path.resolve(__dirname, "../dist/index.js");
  const script = `
    const m = require(${JSON.stringify(dist)});
    m.describeTarget({ type: "duckdb", path: "x.duckdb", schema: "main" }, { projectDir: ".", targetPath: "target" });
    m.dialect.quote("a");
    const loaded = Object.keys(require.cache).filter((k) => k.includes("@duckdb"));
    process.stdout.write(JSON.stringify(loaded));`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([]);
});
