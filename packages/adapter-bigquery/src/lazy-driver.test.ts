import { execFileSync } from "node:child_process";
import * as path from "node:path";

// parse and compile only name relations: the Google client libraries load on the first connection
test("describing a target, quoting and creating an adapter never load @google-cloud/bigquery", () => {
  const dist = path.resolve(__dirname, "../dist/index.js");
  const script = `
    const m = require(${JSON.stringify(dist)});
    const target = { type: "bigquery", method: "oauth", project: "p", dataset: "d", schema: "d" };
    m.describeTarget(target, { projectDir: ".", targetPath: "target" });
    m.dialect.quote("a");
    m.createAdapter(target, { projectDir: ".", targetPath: "target" });
    const loaded = Object.keys(require.cache).filter((k) => k.includes("@google-cloud") || k.includes("google-auth-library"));
    process.stdout.write(JSON.stringify(loaded));`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([]);
});

// an adapter worker started while a command parses loads the libraries then, without connecting
test("loadDriver() loads the Google client libraries without connecting", () => {
  const dist = path.resolve(__dirname, "../dist/index.js");
  const script = `
    const m = require(${JSON.stringify(dist)});
    const adapter = m.createAdapter({ type: "bigquery", method: "oauth", project: "p", dataset: "d", schema: "d" }, { projectDir: ".", targetPath: "target" });
    adapter.loadDriver();
    const loaded = (name) => Object.keys(require.cache).some((k) => k.includes(name));
    process.stdout.write(JSON.stringify([loaded("@google-cloud/bigquery"), loaded("google-auth-library")]));`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual([true, true]);
});
