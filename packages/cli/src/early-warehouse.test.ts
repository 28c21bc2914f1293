/* The adapter worker started during a parse, on the real DuckDB adapter (build first: npx tsc --build). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FoundTarget } from "@tsdbt/core";
import { EarlyWarehouse } from "./early-warehouse";

let projectDir: string;
beforeEach(() => {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-early-"));
});
afterEach(() => fs.rmSync(projectDir, { recursive: true, force: true }));

const found = (): FoundTarget =>
  ({ profile: { target: { type: "duckdb", schema: "main", path: "early.duckdb" }, threads: 2 }, projectDir, targetPath: path.join(projectDir, "target") }) as unknown as FoundTarget;
const target = { type: "duckdb", schema: "main", path: "early.duckdb", threads: 2 };

it("creates no database file when the command never takes the worker", async () => {
  const early = new EarlyWarehouse();
  early.onTarget(found());
  // close() returns once the worker has stopped: a worker that opened on its own would have made the file by then
  await early.close();
  expect(fs.existsSync(path.join(projectDir, "early.duckdb"))).toBe(false);
});

it("opens the started worker for the command that takes it, with the same target", async () => {
  const early = new EarlyWarehouse();
  early.onTarget(found());
  const context = { projectDir, targetPath: path.join(projectDir, "target") };
  expect(early.take({ ...target, threads: 4 }, context)).toBeUndefined();
  const adapter = await early.take(target, context)!;
  try {
    expect(adapter.executeSync("select 42 as answer").rows).toEqual([{ answer: 42 }]);
    expect(early.take(target, context)).toBeUndefined();
    await early.close();
    expect(adapter.executeSync("select 1 as still_open").rows).toEqual([{ still_open: 1 }]);
  } finally {
    await adapter.close();
  }
  expect(fs.existsSync(path.join(projectDir, "early.duckdb"))).toBe(true);
});

it("starts the worker with the command's --threads over the profile's", async () => {
  const early = new EarlyWarehouse(3);
  early.onTarget(found());
  const context = { projectDir, targetPath: path.join(projectDir, "target") };
  expect(early.take(target, context)).toBeUndefined();
  const adapter = await early.take({ ...target, threads: 3 }, context)!;
  await adapter.close();
});
