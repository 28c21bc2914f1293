import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDuckDb, project, rows } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "tsdbt-kill-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function buildM(sql: string) {
  const db = await openDuckDb({ dir, threads: 1 });
  try {
    const { manifest, compiler, ids } = project(db.adapter, [{ name: "m", sql, config: { materialized: "table" } }]);
    const summary = await runNodes({ manifest, compiler, adapter: db.adapter, selected: ids, threads: 1, projectDir: dir });
    return {
      status: summary.results[0]!.status,
      contents: await rows(db.adapter, "select v from m order by v"),
      leftovers: await rows(db.adapter, "select table_name from information_schema.tables where table_name like 'm\\_\\_tsdbt%' escape '\\'"),
    };
  } finally {
    await db.dispose();
  }
}

/** Spawns a process that rebuilds `m` with a very long query and SIGKILLs it once the temp table's CREATE has started. */
function killMidBuild(): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "../__fixtures__/long-build-child.js"), dir], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("BUILDING")) setImmediate(() => child.kill("SIGKILL"));
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ signal, output }));
  });
}

describe("a build killed with SIGKILL", () => {
  it("leaves the previous table intact, and the next run converges", async () => {
    expect(await buildM("select 1 as v union all select 2")).toEqual({ status: "success", contents: [{ v: 1 }, { v: 2 }], leftovers: [] });
    const killed = await killMidBuild();
    expect(killed).toEqual({ signal: "SIGKILL", output: "BUILDING\n" });
    expect(await buildM("select 3 as v")).toEqual({ status: "success", contents: [{ v: 3 }], leftovers: [] });
  });

  it("keeps the previous rows readable right after the kill", async () => {
    await buildM("select 7 as v");
    await killMidBuild();
    const db = await openDuckDb({ dir, threads: 1 });
    try {
      expect(await rows(db.adapter, "select v from m")).toEqual([{ v: 7 }]);
    } finally {
      await db.dispose();
    }
  });
});
