/**
 * An orchestrator reading `--log-format json` as dagster-dbt does: keep the result events
 * (LogModelResult, LogTestResult, LogSeedResult, LogSnapshotResult), read unique_id, status,
 * num_failures and execution_time from them, then run_results.json under the target path the
 * orchestrator chose (DBT_TARGET_PATH). tsdbt's build of a jaffle_shop-shaped project must give
 * the same per-node results as dbt-core's own events for jaffle_shop (a stored golden file).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const RESULT_EVENTS = new Set(["LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"]);

/** One node's outcome as the orchestrator sees it. */
interface ConsumedResult {
  uniqueId: string;
  resourceType: string;
  /** Stable across tools: a generic test's id hash is dbt's business, its compiled file name is not. */
  key: string;
  status: string;
  numFailures: number | null;
  executionTime: number;
  /** A test's model. */
  attachedNode: string | null;
}

/** The orchestrator's reading of a JSON event stream: result events only, by node. */
function consumeEvents(lines: string[]): ConsumedResult[] {
  const out: ConsumedResult[] = [];
  for (const line of lines) {
    if (!line.trim().startsWith("{")) continue;
    const event = JSON.parse(line) as { info: { name: string }; data: Record<string, unknown> };
    if (!RESULT_EVENTS.has(event.info.name)) continue;
    const info = event.data.node_info as { unique_id: string; resource_type: string; node_path: string; node_status: string };
    out.push({
      uniqueId: info.unique_id,
      resourceType: info.resource_type,
      key: `${info.resource_type}:${info.node_path}`,
      status: info.node_status,
      numFailures: event.info.name === "LogTestResult" ? (event.data.num_failures as number) : null,
      executionTime: event.data.execution_time as number,
      attachedNode: event.info.name === "LogTestResult" ? (event.data.attached_node as string) : null,
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

const comparable = (results: ConsumedResult[]) => results.map(({ key, status, numFailures, attachedNode }) => ({ key, status, numFailures, attachedNode }));

/** A jaffle_shop-shaped project (same seeds, models, columns and tests; our own SQL and data). */
const JAFFLE_FILES: Record<string, string | null> = {
  "dbt_project.yml": ["name: jaffle_shop", "version: '0.1'", "config-version: 2", "profile: fixture", "models:", "  jaffle_shop:", "    materialized: table", "    staging:", "      materialized: view", ""].join("\n"),
  "models/customer_orders.sql": null,
  "macros/cents_to_dollars.sql": null,
  "seeds/raw_customers.csv": "id,first_name,last_name\n1,Ada,L.\n2,Alan,T.\n3,Grace,H.\n",
  "seeds/raw_orders.csv": "id,user_id,order_date,status\n1,1,2024-01-02,completed\n2,1,2024-01-05,shipped\n3,2,2024-01-07,placed\n4,3,2024-01-09,returned\n5,3,2024-01-11,return_pending\n",
  "seeds/raw_payments.csv": "id,order_id,payment_method,amount\n1,1,credit_card,1500\n2,2,coupon,300\n3,2,bank_transfer,700\n4,3,gift_card,1000\n5,4,credit_card,2500\n6,5,bank_transfer,400\n",
  "models/staging/stg_customers.sql": "select id as customer_id, first_name, last_name from {{ ref('raw_customers') }}\n",
  "models/staging/stg_orders.sql": "select id as order_id, user_id as customer_id, order_date, status from {{ ref('raw_orders') }}\n",
  "models/staging/stg_payments.sql": "select id as payment_id, order_id, payment_method, amount / 100.0 as amount from {{ ref('raw_payments') }}\n",
  "models/orders.sql": [
    "with paid as (",
    "  select order_id,",
    "{% for method in ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] %}",
    "    sum(case when payment_method = '{{ method }}' then amount else 0 end) as {{ method }}_amount,",
    "{% endfor %}",
    "    sum(amount) as total",
    "  from {{ ref('stg_payments') }} group by order_id",
    ")",
    "select o.order_id, o.customer_id, o.order_date, o.status,",
    "{% for method in ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] %}",
    "  coalesce(p.{{ method }}_amount, 0) as {{ method }}_amount,",
    "{% endfor %}",
    "  coalesce(p.total, 0) as amount",
    "from {{ ref('stg_orders') }} o left join paid p on p.order_id = o.order_id",
    "",
  ].join("\n"),
  "models/customers.sql": [
    "select c.customer_id, c.first_name, c.last_name,",
    "  min(o.order_date) as first_order, max(o.order_date) as most_recent_order,",
    "  count(o.order_id) as number_of_orders, coalesce(sum(o.amount), 0) as total_order_amount",
    "from {{ ref('stg_customers') }} c left join {{ ref('orders') }} o on o.customer_id = c.customer_id",
    "group by 1, 2, 3",
    "",
  ].join("\n"),
  "models/staging/schema.yml": [
    "version: 2",
    "models:",
    "  - name: stg_customers",
    "    columns:",
    "      - name: customer_id",
    "        tests: [unique, not_null]",
    "  - name: stg_orders",
    "    columns:",
    "      - name: order_id",
    "        tests: [unique, not_null]",
    "      - name: status",
    "        tests:",
    "          - accepted_values:",
    "              values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']",
    "  - name: stg_payments",
    "    columns:",
    "      - name: payment_id",
    "        tests: [unique, not_null]",
    "      - name: payment_method",
    "        tests:",
    "          - accepted_values:",
    "              values: ['credit_card', 'coupon', 'bank_transfer', 'gift_card']",
    "",
  ].join("\n"),
  "models/schema.yml": [
    "version: 2",
    "models:",
    "  - name: customers",
    "    columns:",
    "      - name: customer_id",
    "        tests: [unique, not_null]",
    "  - name: orders",
    "    columns:",
    "      - name: order_id",
    "        tests: [unique, not_null]",
    "      - name: customer_id",
    "        tests:",
    "          - not_null",
    "          - relationships:",
    "              to: ref('customers')",
    "              field: customer_id",
    "      - name: status",
    "        tests:",
    "          - accepted_values:",
    "              values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']",
    ...["amount", "credit_card_amount", "coupon_amount", "bank_transfer_amount", "gift_card_amount"].flatMap((c) => [`      - name: ${c}`, "        tests: [not_null]"]),
    "",
  ].join("\n"),
};

describe("a dagster-dbt-style consumer of --log-format json", () => {
  it("gets the same per-node results from tsdbt's build as from dbt-core's events, and finds run_results.json under DBT_TARGET_PATH", async () => {
    const golden = consumeEvents(fs.readFileSync(path.join(__dirname, "fixtures", "dbt-events", "jaffle_shop-build-results.jsonl"), "utf8").split("\n"));
    expect(golden).toHaveLength(28);

    const p = makeProject(JAFFLE_FILES);
    const targetPath = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-dagster-target-"));
    const run = await runApi(["build", "--full-refresh"], { project: p, env: { DBT_LOG_FORMAT: "json", DBT_TARGET_PATH: targetPath } });
    expect(run.exitCode).toBe(0);
    const ours = consumeEvents(run.stdout.split("\n"));
    expect(comparable(ours)).toEqual(comparable(golden));
    for (const r of ours) expect(r.executionTime).toBeGreaterThanOrEqual(0);

    // the artifacts the orchestrator reads next: run_results.json where it asked, one entry per result event
    const runResults = JSON.parse(fs.readFileSync(path.join(targetPath, "run_results.json"), "utf8")) as { results: { unique_id: string; status: string; failures: number | null }[] };
    const byId = new Map(runResults.results.map((r) => [r.unique_id, r]));
    for (const r of ours) {
      expect(byId.get(r.uniqueId)).toMatchObject({ status: r.status });
      if (r.numFailures !== null) expect(byId.get(r.uniqueId)!.failures).toBe(r.numFailures);
    }
    expect(fs.existsSync(p.file("target/run_results.json"))).toBe(false);
    fs.rmSync(targetPath, { recursive: true, force: true });
  });

  it("reads a failing test's num_failures and a failed model's error level as dbt reports them", async () => {
    const p = makeProject({
      "models/orders.sql": "select 10 as order_id, 1 as customer_id union all select 10, 2\n",
      "models/schema.yml": "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: order_id\n        tests: [unique]\n",
      "models/broken.sql": "select * from no_such_table\n",
    });
    const run = await runApi(["build", "--log-format", "json"], { project: p });
    expect(run.exitCode).toBe(1);
    const events = run.stdout.split("\n").map((l) => JSON.parse(l) as { info: { name: string; code: string; level: string }; data: Record<string, unknown> });
    const test = events.find((e) => e.info.name === "LogTestResult")!;
    expect(test.info).toMatchObject({ code: "Q007", level: "error" });
    expect(test.data).toMatchObject({ status: "fail", num_failures: 1, attached_node: "model.fixture.orders" });
    const broken = events.find((e) => e.info.name === "LogModelResult" && (e.data.node_info as { unique_id: string }).unique_id === "model.fixture.broken")!;
    expect(broken.info).toMatchObject({ code: "Q012", level: "error" });
    expect(broken.data).toMatchObject({ status: "error", node_info: { node_status: "error" } });
    // the closing lines name the failing node's file and its compiled SQL, as dbt's do
    const failure = events.find((e) => e.info.name === "RunResultFailure" && (e.data.node_info as { unique_id?: string }).unique_id === "model.fixture.broken")!;
    expect(failure.data).toMatchObject({ resource_type: "model", node_name: "broken", path: "models/broken.sql" });
    const compiled = events.filter((e) => e.info.name === "SQLCompiledPath").map((e) => e.data.path);
    expect(compiled).toContain("target/compiled/fixture/models/broken.sql");
    const error = events.find((e) => e.info.name === "RunResultError" && (e.data.node_info as { unique_id?: string }).unique_id === "model.fixture.broken")!;
    expect(String(error.data.msg)).toMatch(/^Database Error in model broken \(models\/broken\.sql\)\n {2}.*no_such_table/);
  });
});
