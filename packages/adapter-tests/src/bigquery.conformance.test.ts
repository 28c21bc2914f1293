/**
 * The conformance suite against BigQuery: the local bqlite endpoint when BIGQUERY_EMULATOR_URL
 * is set (`eval "$(/opt/tsdbt-emulators/start.sh bigquery 9050)"`), live BigQuery when
 * BIGQUERY_PROJECT is set (see bigquery-target.ts); skipped, saying so, otherwise. The adapter
 * runs in its worker thread, as the CLI runs it (Google's HTTP client loads node-fetch with a
 * dynamic import, which jest's module sandbox refuses), so build first: `npx tsc --build`.
 */
import { startAdapterWorker } from "@tsdbt/adapter-api";
import { bigqueryTestTarget } from "./bigquery-target";
import { describeAdapterConformance } from "./describe-adapter-conformance";

const where = bigqueryTestTarget();

/** What BigQuery itself does not do, live or local (dbt-bigquery behaves the same). */
const NOT_BIGQUERY = {
  "commits a transaction that resolves and rolls back": "BigQuery runs DDL outside transactions (capabilities.transactionalDdl is false)",
  "keeps the previous table and view when a rebuild fails after the new relation exists":
    "without transactional DDL the relation is replaced before post-hooks run, as dbt-bigquery does",
  "rolls the whole update back when a step fails": "without transactional DDL an incremental update is not undone by a failing post-hook, as in dbt-bigquery",
  "returns plain JavaScript values with column names and types":
    "BigQuery's TIMESTAMP is an instant, printed in UTC with +00:00; bigquery-endpoint.test.ts checks every BigQuery value type instead",
  "sync_all_columns adds, drops and retypes columns": "BigQuery has one integer type (INT64), so bigint and integer are the same type",
  "builds into a schema whose name needs quoting": "BigQuery dataset names hold only letters, digits and underscores",
};

/** What bqlite (BigQuery REST on DuckDB) cannot stand in for. */
const NOT_EMULATED = {
  "lists schemas, relations and columns from the catalog": "bqlite has no datasets.list and reports every column NULLABLE",
};

if (where.kind === "none") {
  test.skip(`bigquery adapter conformance (skipped: ${where.reason})`, () => undefined);
} else {
  describeAdapterConformance(
    `bigquery (${where.kind})`,
    ({ schema, threads, dir }) => startAdapterWorker({ ...where.target, dataset: schema, schema, threads } as never, { projectDir: dir, targetPath: dir }),
    {
      cannotCancel: where.kind === "emulator" ? "bqlite runs each job synchronously inside jobs.insert and has no jobs.cancel" : "a cancelled BigQuery job may still finish",
      skip: { ...NOT_BIGQUERY, ...(where.kind === "emulator" ? NOT_EMULATED : {}) },
    },
  );
}
