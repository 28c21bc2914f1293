import { defineDialect, MINIMAL_CAPABILITIES } from "@tsdbt/adapter-api";
import { mergeStrategy, type IncrementalInput } from "./incremental-strategies";

const input = (overrides: Partial<IncrementalInput>): IncrementalInput => ({
  dialect: defineDialect({ parserDialect: "postgresql" }),
  capabilities: { ...MINIMAL_CAPABILITIES, merge: true },
  target: '"s"."t"',
  source: '"s"."t__tsdbt_tmp"',
  columns: ["id", "v"],
  uniqueKey: ["id"],
  predicates: [],
  mergeUpdateColumns: null,
  mergeExcludeColumns: [],
  partitionColumn: null,
  ...overrides,
});

describe("merge strategy", () => {
  it("falls back to delete+insert on engines without MERGE", () => {
    const statements = mergeStrategy(input({ capabilities: MINIMAL_CAPABILITIES }));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^delete from "s"\."t" as DBT_INTERNAL_DEST\nwhere DBT_INTERNAL_DEST\.id in \(select id from "s"\."t__tsdbt_tmp"\)$/);
    expect(statements[1]).toMatch(/^insert into "s"\."t" \("id", "v"\)/);
  });

  it("only inserts when there is no unique_key", () => {
    expect(mergeStrategy(input({ uniqueKey: [] }))).toEqual(['insert into "s"."t" ("id", "v")\n(\n    select "id", "v"\n    from "s"."t__tsdbt_tmp"\n)']);
  });

  it("leaves merge_exclude_columns out of the update and puts predicates in the join", () => {
    const [sql] = mergeStrategy(input({ mergeExcludeColumns: ["V"], predicates: ["DBT_INTERNAL_DEST.id > 10"] }));
    expect(sql).toContain("on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)\n  and (DBT_INTERNAL_DEST.id > 10)");
    expect(sql).toContain('when matched then update set "id" = DBT_INTERNAL_SOURCE."id"\n');
  });
});
