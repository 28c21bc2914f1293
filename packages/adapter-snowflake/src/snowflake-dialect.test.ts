import type { RelationRef } from "@tsdbt/adapter-api";
import { RelationListings } from "./relation-listings";
import { snowflakeDialect as d } from "./snowflake-dialect";
import { renderPart, splitRenderedName, storedName } from "./snowflake-identifiers";
import { formatTimestamp, plainValue, typeName, wholeNumber, type DriverColumn } from "./snowflake-values";
import { renderRelation } from "./snowflake-adapter";

const column = (type: string, scale = 0, precision = 38): DriverColumn => ({ getName: () => "C", getType: () => type, getScale: () => scale, getPrecision: () => precision, isNullable: () => true });

describe("names", () => {
  it("writes simple names unquoted only when the policy leaves them unquoted, and quotes the rest exactly", () => {
    expect(renderPart("orders", false)).toBe("orders");
    expect(storedName("orders", false)).toBe("ORDERS");
    expect(renderPart("orders", true)).toBe('"orders"');
    expect(renderPart("with space", false)).toBe('"with space"');
    expect(renderPart('quote"d', false)).toBe('"quote""d"');
    expect(storedName("Mixed Case", false)).toBe("Mixed Case");
  });

  it("splits a rendered name on the dots outside quotes", () => {
    expect(splitRenderedName('"GOLD".corpus."a.b ""c"""')).toEqual(['"GOLD"', "corpus", '"a.b ""c"""']);
  });

  it("renders a relation by its quote policy, every part quoted without one", () => {
    const ref: RelationRef = { database: "GOLD", schema: "dbt", identifier: "orders", quotePolicy: { database: true, schema: false, identifier: false } };
    expect(renderRelation(ref, "X")).toBe('"GOLD".dbt.orders');
    expect(renderRelation({ schema: "dbt", identifier: "orders" }, "X")).toBe('"X"."dbt"."orders"');
  });
});

describe("snowflakeDialect", () => {
  it("leaves relation names unquoted by default, as dbt-snowflake does", () => {
    expect(d.defaultQuotePolicy).toEqual({ database: false, schema: false, identifier: false });
    expect(d.createSchema("GOLD", "dbt_ann", { database: true, schema: false })).toBe('create schema if not exists "GOLD".dbt_ann');
    expect(d.createSchema("GOLD", "dbt_ann")).toBe('create schema if not exists "GOLD"."dbt_ann"');
  });

  it("qualifies the new name of a rename as the old one is, since Snowflake would move it to the session's schema", () => {
    expect(d.renameRelation('"GOLD".dbt.orders__tsdbt_tmp', "table", "orders", false)).toBe('alter table "GOLD".dbt.orders__tsdbt_tmp rename to "GOLD".dbt.orders');
    expect(d.renameRelation('"D"."s"."t__tsdbt_tmp"', "view", "t")).toBe('alter view "D"."s"."t__tsdbt_tmp" rename to "D"."s"."t"');
  });

  it("escapes backslashes as well as quotes in literals and comments", () => {
    expect(d.literal("it's a \\ path")).toBe("'it''s a \\\\ path'");
    expect(d.commentOn("table", "t", "C:\\x's")).toBe("comment on table t is 'C:\\\\x''s'");
  });

  it("builds tables transient unless transient is false, and session temporaries without options", () => {
    expect(d.createTableAs("t", "select 1", { config: {} })).toBe("create or replace transient table t as (\nselect 1\n)");
    expect(d.createTableAs("t", "select 1", { config: { transient: "false" } })).toBe("create or replace table t as (\nselect 1\n)");
    expect(d.createTableAs("t", "select 1", { temporary: true, config: { copy_grants: true } })).toBe("create or replace temporary table t as (\nselect 1\n)");
    expect(d.createOrReplaceAs("view", "v", "select 1", { config: { secure: true } })).toBe("create or replace secure view v as (\nselect 1\n)");
    expect(d.insertOverwrite!("t", "s", ['"A"'])).toBe('insert overwrite into t ("A")\nselect "A" from s');
  });
});

describe("values", () => {
  it("keeps whole numbers exact and prints timestamps as Python does", () => {
    expect(wholeNumber("42")).toBe(42);
    expect(wholeNumber("9007199254740993")).toBe("9007199254740993");
    expect(formatTimestamp(1704164645, 500000000)).toBe("2024-01-02 03:04:05.500000");
    expect(formatTimestamp(1704164645, 0)).toBe("2024-01-02 03:04:05");
    expect(plainValue("1.25", column("fixed", 2))).toBe(1.25);
    expect(plainValue(null, column("fixed"))).toBeNull();
    expect(typeName(column("fixed", 2, 10))).toBe("NUMBER(10,2)");
    expect(typeName(column("text"))).toBe("VARCHAR");
  });
});

describe("RelationListings", () => {
  it("lists a schema once for every first lookup of a name, and again when a name is asked twice", async () => {
    const calls: string[] = [];
    const listings = new RelationListings(async (db, schema) => {
      calls.push(`${db}.${schema}`);
      return [{ database: db, schema: schema.toUpperCase(), identifier: "ORDERS", type: "table" }];
    });
    expect((await listings.find("D", "s", ["orders", "orders__tsdbt_tmp"])).map((r) => r.identifier)).toEqual(["ORDERS"]);
    expect(await listings.find("D", "S", ["customers"])).toEqual([]);
    expect(await listings.find("D", "other", ["x"])).toEqual([]);
    expect(calls).toEqual(["D.s", "D.other"]);
    await listings.find("D", "s", ["ORDERS"]);
    expect(calls).toEqual(["D.s", "D.other", "D.s"]);
    expect(await listings.find("D", "s", [])).toEqual([]);
  });
});
