/*
 * What reaches the warehouse's query history for a node's build on DuckDB: the project's query
 * comment (before or after each statement, in and out of transactions) and the model's query tag.
 */
import type { Adapter, ExecuteOptions } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { QueryComment } from "./commented-adapter";

let duckdb: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter: duckdb, dispose } = await openDuckDb()));
afterEach(() => dispose());

/** DuckDB recording each statement it is sent (with its query tag) once the runner let go of it. */
function history(): { adapter: Adapter; received: { sql: string; tag?: string; labels?: Readonly<Record<string, string>> }[] } {
  const received: { sql: string; tag?: string; labels?: Readonly<Record<string, string>> }[] = [];
  const recorded = (execute: Adapter["execute"]): Adapter["execute"] => (sql: string, options?: ExecuteOptions) => {
    received.push({ sql, ...(options?.queryTag === undefined ? {} : { tag: options.queryTag }), ...(options?.jobLabels === undefined ? {} : { labels: options.jobLabels }) });
    return execute(sql, options);
  };
  const adapter = Object.assign(Object.create(duckdb) as Adapter, {
    execute: recorded(duckdb.execute.bind(duckdb)),
    transaction: <T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) => duckdb.transaction((tx) => fn({ execute: recorded(tx.execute.bind(tx)) })),
  });
  return { adapter, received };
}

async function build(spec: NodeSpec, queryComment?: QueryComment) {
  const { adapter, received } = history();
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/", queryComment: queryComment && (() => queryComment) });
  expect(summary.results.map((r) => r.status)).toEqual(["success"]);
  return received.filter((r) => !/information_schema|duckdb_/.test(r.sql));
}

const table: NodeSpec = { name: "m", sql: "select 1 as v", config: { materialized: "table", "post-hook": [{ sql: "select 'outside'", transaction: false }] } };

describe("the query comment of a node's statements", () => {
  it("goes before every statement, in the transaction and out of it", async () => {
    const received = await build(table, { text: "node: m", append: false });
    expect(received.map((r) => r.sql)).toEqual(['/* node: m */\ncreate table "warehouse"."main"."m" as (\nselect 1 as v\n)', "/* node: m */\nselect 'outside'"]);
  });

  it("goes after them with append, and cannot close itself early", async () => {
    const received = await build(table, { text: "a */ b", append: true });
    expect(received.map((r) => r.sql)).toEqual(['create table "warehouse"."main"."m" as (\nselect 1 as v\n)\n/* a * / b */', "select 'outside'\n/* a * / b */"]);
    expect(await rows(duckdb, "select v from m")).toEqual([{ v: 1 }]);
  });
});

describe("the job labels of a node's statements (query-comment with job-label)", () => {
  it("go with every statement, in the transaction and out of it", async () => {
    const labels = { dbt_invocation_id: "abc", node_id: "model_proj_m" };
    const received = await build(table, { text: "node: m", append: false, jobLabels: labels });
    expect(received.map((r) => r.labels)).toEqual([labels, labels]);
  });
});

describe("the query tag of a node's statements", () => {
  it("goes with every statement of a model with query_tag, and with none of a model without", async () => {
    const tagged = await build({ ...table, config: { ...table.config, query_tag: "nightly" } });
    expect(tagged.map((r) => r.tag)).toEqual(["nightly", "nightly"]);
    expect((await build({ ...table, config: { ...table.config, query_tag: "" } })).map((r) => r.tag)).toEqual([undefined, undefined]);
    expect((await build(table)).map((r) => r.tag)).toEqual([undefined, undefined]);
  });
});
