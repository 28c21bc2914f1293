import { execFileSync } from "node:child_process";
import * as path from "node:path";

// creating the adapter (the main thread reads its dialect) never loads snowflake-sdk; an adapter worker
// started while a command parses loads it with loadDriver(), without logging in
test("snowflake-sdk loads on loadDriver(), not when the adapter is created", () => {
  const dist = path.resolve(__dirname, "../dist/index.js");
  const script = `
    const m = require(${JSON.stringify(dist)});
    const adapter = m.createAdapter({ type: "snowflake", account: "a", user: "u", password: "p", database: "d", warehouse: "w", schema: "s" }, { projectDir: ".", targetPath: "target" });
    const loaded = () => Object.keys(require.cache).some((k) => k.includes("snowflake-sdk"));
    const before = loaded();
    adapter.loadDriver();
    process.stdout.write(JSON.stringify([before, loaded()]));`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([false, true]);
});
