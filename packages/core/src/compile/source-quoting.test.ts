import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";
import { compileProject } from "./compile-project";

const FIXTURE = path.join(__dirname, "__fixtures__/source-quoting");

describe("source() in compiled SQL", () => {
  // expected/m.sql is what dbt-core 1.10.23 (dbt-postgres) compiled for this project
  it("quotes every part unless the source's own quoting says otherwise; the project's quoting applies to refs only", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-srcq-"));
    fs.cpSync(FIXTURE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "profiles.yml"), "eph:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      user: postgres\n      dbname: test\n      schema: lead_eph\n");
    const parsed = await parseProject({ projectDir: dir, profilesDir: dir, env: {} });
    await compileProject(parsed, { write: false });
    expect(parsed.manifest.nodes["model.eph.m"].compiled_code).toBe(fs.readFileSync(path.join(FIXTURE, "expected/m.sql"), "utf8"));
    expect(parsed.manifest.sources["source.eph.s.t"].relation_name).toBe('"RAW".sch.t');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
