import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { columnSignature, leftovers, type ConformanceContext } from "./context";

/** Seeds through the adapter's bulk CSV load: odd files, delimiters, column_types, reloads. */
export function describeSeeds(t: ConformanceContext): void {
  describe("seeds", () => {
    const seed = async (csv: string, config: Record<string, unknown> = {}, fullRefresh = false, name = "people") => {
      writeFileSync(join(t.dir, `${name}.csv`), csv);
      const { summary } = await t.run([{ name, resourceType: "seed", file: `${name}.csv`, config }], { fullRefresh });
      return summary.results[0]!;
    };

    it("loads quotes, embedded newlines and delimiters, a BOM, CRLF and empty cells as null, with inferred types", async () => {
      const csv = '\uFEFFid,name,score,active,born,seen_at\r\n1,"Lee, Ann ""the"" 1st",1.5,true,2001-02-03,2024-01-01 10:00:00\r\n2,"two\nlines",,false,,\r\n';
      const result = await seed(csv);
      expect(result.status).toBe("success");
      expect(await columnSignature(t, "people")).toEqual(["id:integer", "name:text", "score:float", "active:boolean", "born:date", "seen_at:timestamp"]);
      expect(await t.query(`select id, name, score, active, born, seen_at from ${t.rel("people")} order by id`)).toEqual([
        { id: 1, name: 'Lee, Ann "the" 1st', score: 1.5, active: true, born: "2001-02-03", seen_at: "2024-01-01 10:00:00" },
        { id: 2, name: "two\nlines", score: null, active: false, born: null, seen_at: null },
      ]);
      expect(await leftovers(t)).toEqual([]);
    });

    it.each([
      [";", "semicolon"],
      ["|", "pipe"],
      ["\t", "tab"],
    ])("honours the delimiter %j (%s) and column_types", async (delimiter) => {
      const csv = ["id", "code", "note"].join(delimiter) + "\n" + ["1", "007", '"a, b; c|d"'].join(delimiter) + "\n";
      expect(await seed(csv, { delimiter, column_types: { code: "varchar(10)" } })).toMatchObject({ status: "success" });
      expect(await t.query(`select id, code, note from ${t.rel("people")}`)).toEqual([{ id: 1, code: "007", note: "a, b; c|d" }]);
    });

    it("loads awkward column names and unicode values", async () => {
      const result = await seed('"Mixed Case","select","quote""d",ünï\n1,2,3,"ça ✓"\n', {}, false, "Odd Seed");
      expect(result.status).toBe("success");
      const q = t.adapter.dialect.quote;
      expect(await t.query(`select ${q("Mixed Case")} as a, ${q("select")} as b, ${q('quote"d')} as c, ${q("ünï")} as d from ${t.rel("Odd Seed")}`)).toEqual([
        { a: 1, b: 2, c: 3, d: "ça ✓" },
      ]);
    });

    it("loads a larger file (5,000 rows) completely", async () => {
      const lines = ["id,label"];
      for (let i = 1; i <= 5000; i++) lines.push(`${i},"row ${i}"`);
      expect(await seed(lines.join("\n") + "\n")).toMatchObject({ status: "success" });
      expect(await t.query(`select count(*) as n, sum(id) as total from ${t.rel("people")}`)).toEqual([{ n: 5000, total: 12502500 }]);
    });

    it("reloads an existing seed in place and asks for --full-refresh when its columns changed", async () => {
      await seed("id\n1\n2\n");
      await seed("id\n3\n");
      expect(await t.query(`select id from ${t.rel("people")}`)).toEqual([{ id: 3 }]);
      const changed = await seed("id,name\n1,ann\n");
      expect(changed.status).toBe("error");
      expect(changed.message).toMatch(/TSDBT-E406/);
      expect(await seed("id,name\n1,ann\n", {}, true)).toMatchObject({ status: "success" });
      expect(await t.query(`select id, name from ${t.rel("people")}`)).toEqual([{ id: 1, name: "ann" }]);
      expect(await leftovers(t)).toEqual([]);
    });
  });
}
