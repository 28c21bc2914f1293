import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

const GENERATOR = path.resolve(__dirname, "../../../../../shared/bench/gen-project.mjs");
const EXAMPLE = path.resolve(__dirname, "../../../../example-project");

async function compiledCode(projectDir: string, profilesDir: string, fullRender: boolean): Promise<Record<string, string | null | undefined>> {
  const parsed = await parseProject({ projectDir, profilesDir, env: {} });
  await compileProject(parsed, { write: false, fullRender });
  return Object.fromEntries(Object.values(parsed.manifest.nodes).map((n) => [n.unique_id, n.compiled_code]));
}

describe("compile fast paths", () => {
  it("give byte-identical SQL to a full render on a generated project", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-fast-")), "gen");
    execFileSync(process.execPath, [GENERATOR, "--models", "300", "--out", dir, "--flavor", "dbt", "--seed", "11"], { stdio: "ignore" });
    const fast = await compiledCode(dir, dir, false);
    const full = await compiledCode(dir, dir, true);
    expect(Object.keys(fast).length).toBe(900);
    expect(fast).toEqual(full);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it("give byte-identical SQL to a full render on the example project", async () => {
    expect(await compiledCode(EXAMPLE, EXAMPLE, false)).toEqual(await compiledCode(EXAMPLE, EXAMPLE, true));
  });
});
