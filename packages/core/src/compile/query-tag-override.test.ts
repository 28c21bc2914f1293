import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseProject } from "../parse/parse-project";

/**
 * dbt-snowflake's materializations call set_query_tag(), which dispatches in the `dbt` namespace;
 * a package such as dbt_snowflake_query_tags provides default__set_query_tag and the project routes
 * the namespace through it with `dispatch:`. That override is what the runner renders for a node's
 * query tag (runner/src/materializations/session-query-tag.ts).
 */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-query-tag-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const BASE = {
  "profiles.yml": "qt:\n  target: sf\n  outputs:\n    sf:\n      type: snowflake\n      account: a\n      user: u\n      password: p\n      database: db\n      schema: s\n",
  "packages.yml": "packages:\n  - local: tags\n",
  "tags/dbt_project.yml": "name: tags\n",
  "tags/macros/set_query_tag.sql": "{% macro default__set_query_tag(extra={}) %}{% do run_query(\"alter session set query_tag = 'tagged'\") %}{% endmacro %}\n",
  "models/m.sql": "select 1 as id\n",
};

describe("set_query_tag overrides on Snowflake", () => {
  it("sees a package's default__set_query_tag reached through dispatch as an override of the built-in", async () => {
    const dir = project({ ...BASE, "dbt_project.yml": "name: qt\nprofile: qt\ndispatch:\n  - macro_namespace: dbt\n    search_order: [qt, tags, dbt]\n" });
    const { session } = await parseProject({ projectDir: dir, env: {} });
    expect(session.registry.overridesOf("set_query_tag", "qt").map((m) => m.uniqueId)).toEqual(["macro.tags.default__set_query_tag"]);
  });

  it("sees none when the project does not route the dbt namespace through the package", async () => {
    const dir = project({ ...BASE, "dbt_project.yml": "name: qt\nprofile: qt\n" });
    const { session } = await parseProject({ projectDir: dir, env: {} });
    expect(session.registry.overridesOf("set_query_tag", "qt")).toEqual([]);
  });
});
