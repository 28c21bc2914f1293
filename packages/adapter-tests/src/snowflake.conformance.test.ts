/**
 * The conformance suite against Snowflake: the fakesnow endpoint when FAKESNOW_URL is set, live
 * Snowflake when SNOWFLAKE_* credentials are (see snowflake-target.ts); skipped, saying which
 * variables to set, otherwise. Cases fakesnow cannot emulate are skipped with the reason.
 */
import { createAdapter } from "@tsdbt/adapter-snowflake";
import { describeAdapterConformance } from "./describe-adapter-conformance";
import { FAKESNOW_DATABASE, snowflakeTestTarget } from "./snowflake-target";

const where = snowflakeTestTarget();

/** What Snowflake itself does differently from the engines the case was written for. */
const SNOWFLAKE_SEMANTICS: Record<string, string> = {
  "keeps the previous table and view when a rebuild fails after the new relation exists":
    "Snowflake DDL commits by itself: a post-hook that fails after `create or replace` leaves the new relation, as with dbt-snowflake",
  "sync_all_columns adds, drops and retypes columns": "Snowflake has one integer type: bigint and integer are both NUMBER(38,0)",
};

/** What fakesnow (Snowflake's API over DuckDB) does not do as Snowflake does. */
const FAKESNOW_LIMITS: Record<string, string> = {
  ...SNOWFLAKE_SEMANTICS,
  "persists descriptions as comments": "fakesnow cannot parse COMMENT ON COLUMN",
  "keeps views (and their column comments)": "fakesnow cannot parse COMMENT ON COLUMN",
  "insert_overwrite without partition_by": "fakesnow cannot parse INSERT OVERWRITE",
  "loads a larger file (5,000 rows)": "fakesnow executes bound rows one at a time (5,000 rows take over a minute)",
};

if (where.kind === "none") {
  describe("snowflake adapter conformance", () => {
    it.skip(`needs a Snowflake endpoint: ${where.reason}`, () => undefined);
  });
} else {
  const { target } = where;
  beforeAll(async () => {
    if (where.kind !== "fakesnow") return;
    // fakesnow starts empty: the database the targets name must exist before they log in
    const bootstrap = createAdapter(target("PUBLIC", 1), { projectDir: ".", targetPath: "." });
    await bootstrap.execute(`create database if not exists ${FAKESNOW_DATABASE}`, { fetch: false }).finally(() => bootstrap.close());
  }, 60000);
  describeAdapterConformance(
    `snowflake (${where.kind})`,
    ({ schema, threads, dir }) => createAdapter(target(schema, threads), { projectDir: dir, targetPath: dir }),
    where.kind === "fakesnow"
      ? { upperCasesUnquotedNames: true, cannotCancel: "fakesnow answers each query at once and has no running statement to cancel", skip: FAKESNOW_LIMITS }
      : { upperCasesUnquotedNames: true, slowQuery: "select system$wait(30)", skip: SNOWFLAKE_SEMANTICS },
  );
}
