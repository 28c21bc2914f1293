import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { indexManifest } from "./execution-scope";
import { NodeCompiler } from "./node-compiler";

const FIXTURE = path.join(__dirname, "__fixtures__/microbatch");
const PROFILE = "eph:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: micro_golden\n";

/** The fixture parsed (a copy with a PostgreSQL profile), a compiler for it, and its goldens. */
async function fixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-microbatch-"));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "profiles.yml"), PROFILE);
  const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
  const compiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true });
  return {
    parsed,
    compiler,
    expected: (file: string) => fs.readFileSync(path.join(FIXTURE, "expected", file), "utf8"),
    done: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A batch as the runner passes it: dbt's id and the window's bounds. */
const day = (id: string, start: string, end: string) => ({ id, eventTimeStart: start, eventTimeEnd: end });

// expected/*.sql: what dbt-core 1.10.23 (dbt-postgres 1.9) compiled for these batches of this project
// (target/compiled/mb/models/<model>/<model>_<batch>.sql, `dbt run --event-time-start … --event-time-end …`)
describe("a batch of a microbatch model renders as dbt's", () => {
  it("refs, sources and ephemeral models with an event_time select the batch's window; the others, `this` and the ephemeral model's own SQL are left whole", async () => {
    const golden = await fixture();
    const { parsed, compiler } = golden;
    const node = parsed.manifest.nodes["model.mb.mb_refs"];
    const batch = compiler.compile(node, { isIncremental: false, batch: day("20261202", "2026-12-02T00:00:00.000Z", "2026-12-03T00:00:00.000Z") });
    expect(batch.sql).toBe(golden.expected("mb_refs_2026-12-02.sql"));
    // the model compiled outside a batch (dbt compile) is not filtered
    expect(compiler.compile(node).sql).not.toContain("_dbt_et_filter_subq_");
    golden.done();
  });

  it("parses a model that reads model.batch at its top level, as dbt does; `model.batch` (id, aware UTC bounds), the internal config keys and is_incremental() as dbt gives them, hour batches included", async () => {
    const golden = await fixture();
    const { parsed, compiler } = golden;
    const node = parsed.manifest.nodes["model.mb.mb_context"];
    expect(compiler.compile(node, { isIncremental: false, batch: day("20261202T05", "2026-12-02T05:00:00Z", "2026-12-02T06:00:00Z") }).sql).toBe(golden.expected("mb_context_2026-12-02T05.sql"));
    expect(compiler.compile(node, { isIncremental: true, batch: day("20261202T06", "2026-12-02T06:00:00Z", "2026-12-02T07:00:00Z") }).sql).toBe(golden.expected("mb_context_2026-12-02T06.sql"));
    // the manifest's node is not changed by a batch's render
    expect(node.config).not.toHaveProperty("__dbt_internal_microbatch_event_time_start");
    expect(node).not.toHaveProperty("batch");
    golden.done();
  });

  it("a hook of a batch sees model.batch", async () => {
    const golden = await fixture();
    const { parsed, compiler } = golden;
    const node = parsed.manifest.nodes["model.mb.mb_context"];
    const sql = compiler.renderText("select '{{ model.batch.id if model.batch else none }}'", node, node.original_file_path, undefined, undefined, day("20261202", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z"));
    expect(sql).toBe("select '20261202'");
    expect(compiler.renderText("select '{{ model.batch.id if model.batch else none }}'", node, node.original_file_path)).toBe("select 'None'");
    golden.done();
  });

  it("a batch given for a model that is not a microbatch model changes nothing: no model.batch, inputs whole", async () => {
    const golden = await fixture();
    const { parsed, compiler } = golden;
    const plain = parsed.manifest.nodes["model.mb.plain"];
    const sql = compiler.renderText("select * from {{ ref('events') }} -- {{ model.batch }}", plain, plain.original_file_path, undefined, undefined, day("20261202", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z"));
    // dbt-core prints nothing for model.batch of a model that is not microbatch (its model dict has no such key)
    expect(sql).toBe('select * from "test"."micro_golden"."events" -- ');
    golden.done();
  });
});
