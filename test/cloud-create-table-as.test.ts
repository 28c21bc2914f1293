/**
 * The built-in create_table_as of the Snowflake and BigQuery adapters, which a project's own
 * materializations (and dbt's snapshot macros) call: the DDL of tsdbt's TypeScript table
 * materialization, with the model's config, as dbt-snowflake's and dbt-bigquery's macros build
 * it. Compiled offline (an analysis calling the macro; no connection is opened).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const PROFILES = [
  "fixture:",
  "  target: snowflake",
  "  outputs:",
  "    snowflake: {type: snowflake, account: a, user: u, password: p, database: db, schema: s}",
  "    bigquery: {type: bigquery, method: oauth-secrets, token: t, project: p, dataset: d, location: US}",
  "",
].join("\n");

const ANALYSIS = [
  "{{ config(cluster_by=['id'], partition_by={'field': 'created_at', 'data_type': 'date'}, labels={'team': 'data'}) }}",
  "{%- set staging = api.Relation.create(database=target.database, schema=target.schema, identifier='t__dbt_tmp') -%}",
  "{{ create_table_as(true, staging, 'select 1 as id') }}",
  "---",
  "{{ create_table_as(false, staging.incorporate(path={'identifier': 't'}), 'select 1 as id') }}",
  "",
].join("\n");

async function compiled(target: string): Promise<string> {
  const project = makeProject({ "profiles.yml": PROFILES, "analyses/ddl.sql": ANALYSIS, "models/schema.yml": null });
  const run = await runApi(["compile", "-s", "ddl", "--target", target], { project });
  expect(run.exitCode).toBe(0);
  return fs.readFileSync(path.join(project.dir, "target", "compiled", "fixture", "analyses", "ddl.sql"), "utf8").trim();
}

describe("create_table_as on cloud adapters", () => {
  it("Snowflake: a session temporary table, else a transient table clustered by cluster_by", async () => {
    expect(await compiled("snowflake")).toBe(
      [
        "create or replace temporary table db.s.t__dbt_tmp as (",
        "select 1 as id",
        ")",
        "---",
        "",
        "    create or replace transient table db.s.t cluster by (id) as (",
        "select * from (",
        "select 1 as id",
        ") order by (id)",
        ")",
      ].join("\n"),
    );
  });

  it("BigQuery: create or replace with partitioning, clustering and options; a temporary table expires after 12 hours", async () => {
    expect(await compiled("bigquery")).toBe(
      [
        "create or replace table `p`.`d`.`t__dbt_tmp`",
        "partition by created_at",
        "cluster by id",
        "options(expiration_timestamp=timestamp_add(current_timestamp(), interval 12 hour), labels=[('team', 'data')])",
        "as (",
        "select 1 as id",
        ")",
        "---",
        "",
        "    create or replace table `p`.`d`.`t`",
        "partition by created_at",
        "cluster by id",
        "options(labels=[('team', 'data')])",
        "as (",
        "select 1 as id",
        ")",
      ].join("\n"),
    );
  });
});
