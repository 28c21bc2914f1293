import type { BigQueryProfile } from "./bigquery-profile";
import type { JobRunOptions } from "./bigquery-jobs";
import { createAdapter } from "./bigquery-adapter";
import { dropThenCreate } from "./replace-changed-spec";

/** BigQuery's answer when the new table's spec differs, as users report it. */
const REFUSED = new Error(
  "Cannot replace a table with a different partitioning spec. Instead, DROP the table, and then recreate it. New partitioning spec is interval(type:day,field:day) and existing spec is none",
);

const sent: string[] = [];
jest.mock("./bigquery-client", () => ({ createBigQueryClient: async () => ({}) }));
jest.mock("./bigquery-jobs", () => ({
  runQueryJob: async (_client: unknown, _profile: BigQueryProfile, sql: string, _options: JobRunOptions) => {
    sent.push(sql);
    if (/create or replace table/.test(sql)) throw REFUSED;
    return { fields: [], rows: [], rowsAffected: null, totalBytesProcessed: null };
  },
}));

const CREATE = "create or replace table `p`.`d`.`m`\npartition by day\nas (\nselect date '2024-01-01' as day\n)";

describe("a table whose partitioning or clustering changes", () => {
  it("is dropped, then created, when BigQuery refuses to replace it", async () => {
    const adapter = createAdapter({ type: "bigquery", method: "oauth-secrets", token: "t", project: "p", dataset: "d", schema: "d" }, { projectDir: "/tmp", targetPath: "/tmp" });
    await adapter.execute(`/* {"node_id": "model.x.m"} */\n${CREATE}`, { fetch: false });
    expect(sent).toEqual([
      `/* {"node_id": "model.x.m"} */\n${CREATE}`,
      '/* {"node_id": "model.x.m"} */\ndrop table if exists `p`.`d`.`m`',
      '/* {"node_id": "model.x.m"} */\ncreate table `p`.`d`.`m`\npartition by day\nas (\nselect date \'2024-01-01\' as day\n)',
    ]);
  });

  it("only for that refusal of a create or replace table", () => {
    expect(dropThenCreate(CREATE, new Error("Syntax error: Unexpected keyword"))).toBeNull();
    expect(dropThenCreate("create or replace view `p`.`d`.`m` as (select 1)", REFUSED)).toBeNull();
    expect(dropThenCreate(CREATE.replace("create or replace", "create"), REFUSED)).toBeNull();
    expect(dropThenCreate(CREATE, new Error("Cannot replace a table with a different clustering spec."))).toMatchObject({ drop: "drop table if exists `p`.`d`.`m`" });
  });
});
