import { defineDialect, MINIMAL_CAPABILITIES } from "@tsdbt/adapter-api";
import { appendStrategy, deleteInsertStrategy, insertOverwriteStrategy, mergeStrategy, type IncrementalInput } from "./incremental-strategies";

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

const INSERT = 'insert into "s"."t" ("id", "v")\n(\n    select "id", "v"\n    from "s"."t__tsdbt_tmp"\n)';

describe("append strategy", () => {
  it("inserts every new row, whatever the key", () => {
    expect(appendStrategy(input({ uniqueKey: ["id"] }))).toEqual([INSERT]);
  });
});

describe("delete+insert strategy", () => {
  it("deletes by a tuple of keys, with each predicate added, then inserts", () => {
    expect(deleteInsertStrategy(input({ uniqueKey: ["id", "k2"], predicates: ["DBT_INTERNAL_DEST.day > 1", "DBT_INTERNAL_DEST.v <> 'x'"] }))).toEqual([
      'delete from "s"."t" as DBT_INTERNAL_DEST\nwhere (DBT_INTERNAL_DEST.id, DBT_INTERNAL_DEST.k2) in (select id, k2 from "s"."t__tsdbt_tmp")' +
        "\n  and (DBT_INTERNAL_DEST.day > 1)\n  and (DBT_INTERNAL_DEST.v <> 'x')",
      INSERT,
    ]);
  });

  it("only inserts without a unique_key", () => {
    expect(deleteInsertStrategy(input({ uniqueKey: [] }))).toEqual([INSERT]);
  });
});

describe("merge strategy, clauses", () => {
  it("joins on every key column and updates only merge_update_columns", () => {
    expect(mergeStrategy(input({ uniqueKey: ["id", "k2"], mergeUpdateColumns: ["v"] }))).toEqual([
      'merge into "s"."t" as DBT_INTERNAL_DEST\nusing "s"."t__tsdbt_tmp" as DBT_INTERNAL_SOURCE\n' +
        "on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id and DBT_INTERNAL_SOURCE.k2 = DBT_INTERNAL_DEST.k2)\n" +
        'when matched then update set "v" = DBT_INTERNAL_SOURCE."v"\n' +
        'when not matched then insert ("id", "v")\nvalues (DBT_INTERNAL_SOURCE."id", DBT_INTERNAL_SOURCE."v")',
    ]);
  });

  it("has no update clause when every column is excluded", () => {
    const [sql] = mergeStrategy(input({ mergeExcludeColumns: ["id", "v"] }));
    expect(sql).not.toContain("when matched");
    expect(sql).toContain('when not matched then insert ("id", "v")');
  });
});

describe("insert_overwrite strategy", () => {
  it("replaces the partitions of the new rows, predicates added", () => {
    expect(insertOverwriteStrategy(input({ partitionColumn: "day", predicates: ["DBT_INTERNAL_DEST.day > '2024-01-01'"] }))).toEqual([
      'delete from "s"."t" as DBT_INTERNAL_DEST\nwhere DBT_INTERNAL_DEST.day in (select distinct day from "s"."t__tsdbt_tmp")\n  and (DBT_INTERNAL_DEST.day > \'2024-01-01\')',
      INSERT,
    ]);
  });

  it("empties the whole table without partition_by", () => {
    expect(insertOverwriteStrategy(input({}))).toEqual(['delete from "s"."t" where true', INSERT]);
  });

  it("uses the engine's one-statement overwrite of the whole table when it has one, and not for partitions", () => {
    const dialect = { ...defineDialect({ parserDialect: "postgresql" }), insertOverwrite: (target: string, source: string, columns: string[]) => `insert overwrite ${target} (${columns.join(", ")}) select * from ${source}` };
    expect(insertOverwriteStrategy(input({ dialect }))).toEqual(['insert overwrite "s"."t" ("id", "v") select * from "s"."t__tsdbt_tmp"']);
    expect(insertOverwriteStrategy(input({ dialect, partitionColumn: "day" }))[0]).toMatch(/^delete from "s"\."t" as DBT_INTERNAL_DEST/);
  });
});
