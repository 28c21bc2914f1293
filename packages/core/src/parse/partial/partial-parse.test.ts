import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestJson, writeManifestWithLayout } from "../../manifest/write-manifest";
import { parseProject } from "../parse-project";
import { buildParseState, writeParseState } from "./parse-state";
import { tryPartialParse } from "./partial-parse";

const GENERATOR = path.resolve(__dirname, "../../../../../../shared/bench/gen-project.mjs");

/** What differs between any two parses: timestamps and the invocation id. */
function normalised(manifest: string): string {
  return manifest.replace(/"created_at":[0-9.e+-]+/g, '"created_at":0').replace(/"generated_at":"[^"]*"/, "").replace(/"invocation_id":"[^"]*"/, "");
}

describe("partial parse on a generated project", () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-partial-")), "gen");
    execFileSync(process.execPath, [GENERATOR, "--models", "300", "--out", dir, "--flavor", "dbt", "--seed", "11"], { stdio: "ignore" });
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("writes the manifest of a full, uncached render after edits to staging, intermediate, incremental and mart models", async () => {
    const options = { projectDir: dir, profilesDir: dir, env: {} };
    const first = await parseProject(options);
    const { file, layout } = writeManifestWithLayout(first.targetPath, first.manifest);
    writeParseState(first.targetPath, buildParseState(first, file, layout));

    const models = Object.values(first.manifest.nodes).filter((n) => n.resource_type === "model");
    const staging = models.filter((n) => n.name.startsWith("stg_"));
    const edited = [
      ...models.filter((_, i) => i % 37 === 5),
      models.find((n) => n.config.materialized === "incremental")!,
      models.find((n) => n.depends_on.macros.some((m) => m === "macro.tsdbt_bench.clean_status"))!,
    ];
    for (const n of new Set(edited)) {
      const abs = path.join(dir, n.original_file_path);
      const sql = fs.readFileSync(abs, "utf8");
      // new text, and for models downstream of staging a new dependency and a config() call
      const extra = n.name.startsWith("stg_") ? "\n-- edited\n" : `\n-- also reads {{ ref('${staging[0].name}') }}\n{{ config(tags=['edited']) }}\n`;
      fs.writeFileSync(abs, sql + extra);
    }

    const partial = await tryPartialParse(options);
    expect(partial.reused).toBe(true);
    expect(partial.reused && partial.changedFiles.length).toBe(new Set(edited).size);
    const full = await parseProject({ ...options, fullRender: true });
    expect(normalised(fs.readFileSync(file, "utf8"))).toBe(normalised(manifestJson(full.manifest)));
  });
});
