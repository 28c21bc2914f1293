import type { MacroPort, SyncStatements } from "../types";
import { sessionQueryTag } from "./session-query-tag";

/** A MacroPort whose set_query_tag override runs `statements` through the build's capture. */
function port(overridden: boolean, statements: string[]): MacroPort & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    materialization: () => null,
    runMaterialization: () => ({ relations: [], message: null, rowsAffected: null }),
    exists: () => true,
    overrides: (_id, names) => (overridden && names.includes("set_query_tag") ? ["macro.dbt_snowflake_query_tags.default__set_query_tag"] : []),
    call: (_id, name, args, capture?: SyncStatements) => {
      sent.push(`${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`);
      for (const sql of statements) capture!.executeSync(sql);
      return "";
    },
  };
}

describe("sessionQueryTag", () => {
  it("takes the tag an overriding set_query_tag would set on the session, without sending it", () => {
    const macros = port(true, ["show parameters like 'query_tag' in session", `alter session set query_tag = '{"app": "dbt", "node_id": "model.p.m", "note": "it''s"}'`]);
    expect(sessionQueryTag(macros, "model.p.m")).toBe(`{"app": "dbt", "node_id": "model.p.m", "note": "it's"}`);
    expect(macros.sent).toEqual(["set_query_tag()"]);
  });

  it("reads the statement with the whitespace a template leaves in it", () => {
    const macros = port(true, ["\n  alter  session\n    set  query_tag  =  'nightly' ;  \n"]);
    expect(sessionQueryTag(macros, "model.p.m")).toBe("nightly");
  });

  it("takes no tag from a statement that does more than set it", () => {
    expect(sessionQueryTag(port(true, ["select 1; alter session set query_tag = 'a'"]), "model.p.m")).toBeNull();
    expect(sessionQueryTag(port(true, ["alter session set query_tag = 'a'; select 1"]), "model.p.m")).toBeNull();
  });

  it("renders nothing when no project or package overrides set_query_tag", () => {
    const macros = port(false, ["alter session set query_tag = 'x'"]);
    expect(sessionQueryTag(macros, "model.p.m")).toBeNull();
    expect(macros.sent).toEqual([]);
  });

  it("gives no tag when the override sets none", () => {
    expect(sessionQueryTag(port(true, []), "model.p.m")).toBeNull();
  });
});
