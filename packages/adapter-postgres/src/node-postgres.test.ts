import { execFileSync } from "node:child_process";
import * as path from "node:path";

// in a new process: the jest worker may have loaded pg or fetch already
const probe = (body: string) =>
  execFileSync(process.execPath, ["-e", `const { nodePostgres } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "node-postgres.js"))}); ${body}`], { encoding: "utf8" }).trim();

it("loads node-postgres without Node's fetch implementation and leaves no navigator global behind", () => {
  const report = JSON.parse(
    probe(`const before = "navigator" in globalThis; const pg = nodePostgres();
      console.log(JSON.stringify({ pool: typeof pg.Pool, same: nodePostgres() === pg, navigator: ("navigator" in globalThis) === before, undici: process.moduleLoadList.some((m) => m.includes("undici")) }));`),
  );
  expect(report).toEqual({ pool: "function", same: true, navigator: true, undici: false });
});

it("loads nothing of node-postgres until asked", () => {
  expect(probe(`console.log(Object.keys(require.cache).some((f) => f.includes("node_modules/pg/")))`)).toBe("false");
});

it("loads node-postgres when the adapter's loadDriver() is called, without connecting", () => {
  const index = JSON.stringify(path.join(__dirname, "..", "dist", "index.js"));
  expect(
    probe(`const adapter = require(${index}).createAdapter({ type: "postgres", host: "127.0.0.1", port: 1, user: "u", dbname: "d", schema: "s" }, { projectDir: ".", targetPath: "target" });
      const loaded = () => Object.keys(require.cache).some((f) => f.includes("node_modules/pg/"));
      const before = loaded();
      adapter.loadDriver();
      console.log(JSON.stringify([before, loaded()]))`),
  ).toBe("[false,true]");
});
