/**
 * Seed cells dbt loads as NULL: empty, blank, quoted `""`, and `null` in any case (dbt-core 1.10 +
 * dbt-postgres gave, for this CSV: a text, b integer, c integer, d text, with the NULLs below).
 */
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

describe("seed null cells", () => {
  it("load as NULL and do not make a column text", async () => {
    const p = makeProject({ "seeds/s_nulls.csv": 'a,b,c,d\n"",null,NULL,x\n" ",1,1,""\nq,2,Null,"null"\n' });
    expect((await runApi(["seed", "-s", "s_nulls"], { project: p })).exitCode).toBe(0);
    const sql = "select coalesce(a, '<N>') as a, coalesce(cast(b + 0 as varchar), '<N>') as b, coalesce(cast(c + 0 as varchar), '<N>') as c, coalesce(d, '<N>') as d from {{ ref('s_nulls') }}";
    const show = await runApi(["show", "--inline", sql, "--output", "json"], { project: p });
    const rows = (JSON.parse(show.stdout.slice(show.stdout.lastIndexOf("\n{") + 1)) as { show: Record<string, string>[] }).show;
    expect(rows.map((r) => `${r.a}|${r.b}|${r.c}|${r.d}`).sort()).toEqual(["<N>|1|1|<N>", "<N>|<N>|<N>|x", "q|2|<N>|<N>"]);
  });
});
