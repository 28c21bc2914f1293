import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestJson } from "../manifest/write-manifest";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

/**
 * The fast-path proof of fast-paths.test.ts on real public projects: ../shared/corpus beside the
 * repository (or TSDBT_CORPUS_DIR), which a fresh clone does not have. Each project is parsed and
 * compiled twice, with the static fast paths, template sharing and (dbt-utils, mattermost) package
 * macros checked on a worker thread, then with a full render of
 * every template; manifests and compiled SQL must be byte-identical. No warehouse is connected:
 * nodes that query it (introspective macros) fail the same way both times and are left out.
 */
const CORPUS = process.env.TSDBT_CORPUS_DIR ?? path.resolve(__dirname, "../../../../../shared/corpus/projects");
const PROJECTS = ["jaffle_shop", "dbt-utils", "mattermost"];

/** The project and profiles folders of a corpus copy, from its corpus.env. */
function corpusDirs(dir: string): { projectDir: string; profilesDir: string } {
  const env = fs.readFileSync(path.join(dir, "corpus.env"), "utf8");
  const value = (name: string) => new RegExp(`${name}=(\\S+)`).exec(env)?.[1] ?? ".";
  return { projectDir: path.join(dir, value("PROJECT_DIR")), profilesDir: path.join(dir, value("DBT_PROFILES_DIR")) };
}

async function parseAndCompile(dir: string, fullRender: boolean): Promise<{ manifest: string; compiled: Record<string, string>; staticReads: number }> {
  const parsed = await parseProject({ ...corpusDirs(dir), env: { ...process.env }, fullRender });
  await compileProject(parsed, { write: false, fullRender }).catch(() => undefined);
  const compiled: Record<string, string> = {};
  for (const node of Object.values(parsed.manifest.nodes)) if (typeof node.compiled_code === "string") compiled[node.unique_id] = node.compiled_code;
  const manifest = manifestJson(parsed.manifest)
    .replace(/"created_at":[0-9.e+-]+/g, '"created_at":0')
    .replace(/"generated_at":"[^"]*"/, "")
    .replace(/"invocation_id":"[^"]*"/, "").replace(/"invocation_started_at":"[^"]*"/, "");
  return { manifest, compiled, staticReads: parsed.stats.static };
}

describe("compile fast paths on the shared corpus", () => {
  for (const name of PROJECTS) {
    const source = path.join(CORPUS, name);
    if (!fs.existsSync(path.join(source, "corpus.env"))) {
      test.skip(`${name}: byte-identical to a full render (skipped: no corpus at ${CORPUS}; set TSDBT_CORPUS_DIR)`, () => undefined);
      continue;
    }
    test(`${name}: manifest and compiled SQL byte-identical to a full render`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsdbt-fast-corpus-${name}-`));
      fs.cpSync(source, dir, { recursive: true });
      // the corpus is read-only: the copies must accept target/
      for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) if (entry.isDirectory()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
      fs.chmodSync(dir, 0o755);
      const fast = await parseAndCompile(dir, false);
      const full = await parseAndCompile(dir, true);
      expect(fast.staticReads).toBeGreaterThan(0);
      expect(full.staticReads).toBe(0);
      expect(Object.keys(fast.compiled).length).toBeGreaterThan(20);
      expect(fast.compiled).toEqual(full.compiled);
      expect(fast.manifest === full.manifest).toBe(true);
      fs.rmSync(dir, { recursive: true, force: true });
    }, 180_000);
  }
});
