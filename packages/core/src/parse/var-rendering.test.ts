import * as fs from "node:fs";
import * as path from "node:path";
import { parseProject } from "./parse-project";
import { NodeCompiler } from "../compile/node-compiler";
import { indexManifest } from "../compile/execution-scope";
import { writeMiniProject } from "./__fixtures__/mini-project";

// dbt-core 1.10.23 compiled the same project to these statements, with pk_m depending on the seed
describe("a var whose text holds Jinja (dbt-core 1.10.23 oracle)", () => {
  it("renders in the node that reads it: this, ref (a dependency) and target work; texts inside lists stay as written", async () => {
    const dir = writeMiniProject({
      "dbt_project.yml": [
        "name: mini",
        "profile: mini",
        "vars:",
        "  plain: \"{{ target.schema }}_x\"",
        "  listed: [\"{{ target.schema }}_a\"]",
        "  here: \"{{ this.name }}\"",
        "  pk:",
        "    src: \"{{ ref('raw_rows') }}\"",
        "",
      ].join("\n"),
      "packages.yml": "packages:\n  - local: dbt_packages/pk\n",
      "seeds/raw_rows.csv": "id\n1\n",
      "dbt_packages/pk/dbt_project.yml": "name: pk\n",
      "dbt_packages/pk/models/pk_m.sql": 'select * from {{ var("src") }}',
      "models/root_m.sql": "select '{{ var('plain') }}' as p, '{{ var('listed')[0] }}' as l, '{{ var('here') }}' as h",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(parsed.manifest.nodes["model.pk.pk_m"]!.depends_on.nodes).toEqual(["seed.mini.raw_rows"]);
    const compiler = new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true });
    expect(compiler.compile(parsed.manifest.nodes["model.mini.root_m"]!).sql).toBe("select 'main_x' as p, '{{ target.schema }}_a' as l, 'root_m' as h");
    expect(compiler.compile(parsed.manifest.nodes["model.pk.pk_m"]!).sql).toBe('select * from "mini"."main"."raw_rows"');
    fs.rmSync(path.join(dir), { recursive: true, force: true });
  });
});
