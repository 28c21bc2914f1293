/**
 * End-to-end: OpenLineage events of `tsdbt build` through the public Node API, sent over HTTP
 * to a small server started here (and written to a file), checked field by field; a failing
 * backend never fails the run and is reported once.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

interface Received {
  path: string;
  contentType: string | undefined;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A backend on 127.0.0.1 that records POSTed events and answers `status`. */
async function startBackend(status = 201): Promise<{ url: string; events: Received[]; close: () => Promise<void> }> {
  const events: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      events.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, events, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PRODUCER = "https://github.com/tsdbt/tsdbt/tree/0.1.0/packages/lineage";
const facetBase = (name: string, version: string) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}` });
const direct = (subtype: string) => ({ type: "DIRECT", subtype, description: expect.any(String), masking: false });
const indirect = (subtype: string) => ({ type: "INDIRECT", subtype, description: expect.any(String), masking: false });

describe("OpenLineage events of tsdbt build", () => {
  let p: FixtureProject;
  beforeAll(() => {
    p = makeProject({ "models/schema.yml": ["version: 2", "models:", "  - name: customers", "    columns:", "      - name: id", "        data_type: integer", "        description: The key.", "        data_tests: [unique, not_null]", ""].join("\n") });
  });

  it("sends START and COMPLETE per node, children of the invocation's run, with datasets and facets", async () => {
    const backend = await startBackend();
    try {
      const r = await runApi(["build", "--openlineage-url", backend.url], { project: p });
      expect(r.exitCode).toBe(0);
      expect(r.output).not.toContain("TSDBT-E607");
      const events = backend.events.map((e) => e.body);
      expect(backend.events.every((e) => e.path === "/api/v1/lineage" && e.contentType === "application/json")).toBe(true);
      for (const e of events) {
        expect(Object.keys(e).sort()).toEqual(["eventTime", "eventType", "inputs", "job", "outputs", "producer", "run", "schemaURL"]);
        expect(e.producer).toBe(PRODUCER);
        expect(e.schemaURL).toBe("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        expect(new Date(e.eventTime).toISOString()).toBe(e.eventTime);
        expect(e.run.runId).toMatch(UUID);
      }

      // the invocation: first and last event
      const parent = events[0];
      expect(parent).toMatchObject({ eventType: "START", job: { namespace: "default", name: "tsdbt-build-fixture" }, inputs: [], outputs: [] });
      expect(events.at(-1)).toMatchObject({ eventType: "COMPLETE", run: { runId: parent.run.runId }, job: { name: "tsdbt-build-fixture" } });

      // one START and one COMPLETE per node, sharing a run id, each the invocation's child
      const nodes = events.slice(1, -1);
      const byJob = new Map<string, Record<string, any>[]>(); // eslint-disable-line @typescript-eslint/no-explicit-any
      for (const e of nodes) byJob.set(e.job.name, [...(byJob.get(e.job.name) ?? []), e]);
      expect([...byJob.keys()].sort()).toEqual(["model.fixture.customer_orders", "model.fixture.customers", "model.fixture.orders", expect.stringMatching(/^test\.fixture\.not_null_customers_id\./), expect.stringMatching(/^test\.fixture\.unique_customers_id\./)]);
      for (const [, [start, complete, ...rest]] of byJob) {
        expect(rest).toEqual([]);
        expect([start.eventType, complete.eventType]).toEqual(["START", "COMPLETE"]);
        expect(complete.run.runId).toBe(start.run.runId);
        expect(start.run.runId).not.toBe(parent.run.runId);
        const link = { run: { runId: parent.run.runId }, job: { namespace: "default", name: "tsdbt-build-fixture" } };
        expect(start.run.facets.parent).toEqual({ ...facetBase("ParentRunFacet", "1-1-0"), ...link, root: link });
      }

      const ns = `duckdb://${path.join(p.dir, "target", "t.duckdb")}`;
      const [start, complete] = byJob.get("model.fixture.customer_orders")!;
      expect(start.job.facets.jobType).toEqual({ ...facetBase("JobTypeJobFacet", "2-0-3"), processingType: "BATCH", integration: "DBT", jobType: "MODEL" });
      expect(start.inputs).toEqual([
        { namespace: ns, name: "t.main.customers" },
        { namespace: ns, name: "t.main.orders" },
      ]);
      expect(start.outputs).toEqual([{ namespace: ns, name: "t.main.customer_orders" }]);
      expect(complete.job.facets.sql).toEqual({ ...facetBase("SQLJobFacet", "1-1-0"), query: expect.stringContaining('left join "t"."main"."orders" o on o.customer_id = c.id') });
      const output = complete.outputs[0];
      expect(output.name).toBe("t.main.customer_orders");
      expect(output.facets.schema).toEqual({ ...facetBase("SchemaDatasetFacet", "1-1-1"), fields: [{ name: "id" }, { name: "n" }] });
      const input = (name: string, field: string, t: unknown) => ({ namespace: ns, name: `t.main.${name}`, field, transformations: [t] });
      expect(output.facets.columnLineage).toEqual({
        ...facetBase("ColumnLineageDatasetFacet", "1-2-0"),
        fields: {
          id: { inputFields: [input("customers", "id", direct("IDENTITY"))] },
          n: { inputFields: [input("orders", "order_id", direct("AGGREGATION"))] },
        },
        dataset: [
          { namespace: ns, name: "t.main.orders", field: "customer_id", transformations: [indirect("JOIN")] },
          { namespace: ns, name: "t.main.customers", field: "id", transformations: [indirect("GROUP_BY"), indirect("JOIN")] },
        ],
      });
      // the typed and documented column of customers
      const customers = byJob.get("model.fixture.customers")![1].outputs[0];
      expect(customers.facets.schema.fields).toEqual([{ name: "id", type: "integer", description: "The key." }, { name: "name" }]);
      expect(customers.facets.columnLineage.fields).toEqual({ id: { inputFields: [] }, name: { inputFields: [] } });

      // tests: the assertion on the tested dataset
      const [testName] = [...byJob.keys()].filter((k) => k.startsWith("test.fixture.not_null"));
      const [testStart, testDone] = byJob.get(testName)!;
      expect(testStart.job.facets.jobType.jobType).toBe("TEST");
      expect(testStart.inputs).toEqual([{ namespace: ns, name: "t.main.customers" }]);
      expect(testDone.outputs).toEqual([]);
      expect(testDone.inputs).toEqual([{ namespace: ns, name: "t.main.customers", inputFacets: { dataQualityAssertions: { ...facetBase("DataQualityAssertionsDatasetFacet", "1-0-1"), assertions: [{ assertion: "not_null", success: true, column: "id" }] } } }]);
    } finally {
      await backend.close();
    }
  });

  it("sends FAIL with the error for a failing model, a failed assertion for a failing test, and FAIL for the invocation", async () => {
    const broken = makeProject({ "models/orders.sql": "select 10 as order_id, 1 as customer_id from nowhere_table\n", "models/customers.sql": "select 1 as id, 'ann' as name union all select 1, 'bob'\n" });
    const backend = await startBackend();
    try {
      const r = await runApi(["build", "--openlineage-url", `${backend.url}/custom/endpoint`], { project: broken });
      expect(r.exitCode).toBe(1);
      const events = backend.events.map((e) => e.body);
      expect(backend.events.every((e) => e.path === "/custom/endpoint")).toBe(true);
      const failed = events.find((e) => e.job.name === "model.fixture.orders" && e.eventType !== "START")!;
      expect(failed.eventType).toBe("FAIL");
      expect(failed.run.facets.errorMessage).toEqual({ ...facetBase("ErrorMessageRunFacet", "1-0-1"), message: expect.stringContaining("nowhere_table"), programmingLanguage: "SQL" });
      expect(failed.outputs).toEqual([{ namespace: expect.any(String), name: "t.main.orders" }]);
      const unique = events.find((e) => e.job.name.startsWith("test.fixture.unique_customers_id") && e.eventType !== "START")!;
      expect(unique.eventType).toBe("COMPLETE");
      expect(unique.inputs[0].inputFacets.dataQualityAssertions.assertions).toEqual([{ assertion: "unique", success: false, column: "id" }]);
      // customer_orders was skipped before it started: no run for it
      expect(events.some((e) => e.job.name === "model.fixture.customer_orders")).toBe(false);
      expect(events.at(-1)).toMatchObject({ eventType: "FAIL", job: { name: "tsdbt-build-fixture" }, run: { facets: { errorMessage: { message: "2 node(s) failed" } } } });
    } finally {
      await backend.close();
    }
  });

  it("writes one JSON event per line with --openlineage-file, and reads TSDBT_OPENLINEAGE_URL", async () => {
    const backend = await startBackend();
    try {
      const r = await runApi(["run", "-s", "customers", "--openlineage-file", "target/ol/events.jsonl"], { project: p, env: { TSDBT_OPENLINEAGE_URL: backend.url, TSDBT_OPENLINEAGE_NAMESPACE: "analytics" } });
      expect(r.exitCode).toBe(0);
      const lines = fs.readFileSync(p.file("target/ol/events.jsonl"), "utf8").trimEnd().split("\n");
      const fromFile = lines.map((l) => JSON.parse(l));
      expect(fromFile.map((e) => `${e.eventType} ${e.job.namespace}/${e.job.name}`)).toEqual(["START analytics/tsdbt-run-fixture", "START analytics/model.fixture.customers", "COMPLETE analytics/model.fixture.customers", "COMPLETE analytics/tsdbt-run-fixture"]);
      expect(backend.events.map((e) => e.body)).toEqual(fromFile);
    } finally {
      await backend.close();
    }
  });

  it("never fails the run on a backend error, and says so once", async () => {
    const backend = await startBackend(500);
    try {
      const r = await runApi(["build", "--openlineage-url", backend.url], { project: p });
      expect(r.exitCode).toBe(0);
      expect(r.output).toContain("Done. PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5");
      expect(r.output.match(/TSDBT-E607/g)).toHaveLength(1);
      expect(r.output).toContain(`warning TSDBT-E607: OpenLineage events could not be sent to ${backend.url}/api/v1/lineage (HTTP 500 Internal Server Error); the run goes on without them.`);
    } finally {
      await backend.close();
    }
    const closed = await runApi(["run", "-s", "orders", "--openlineage-url", backend.url], { project: p });
    expect(closed.exitCode).toBe(0);
    expect(closed.output.match(/TSDBT-E607/g)).toHaveLength(1);
    const bad = await runApi(["run", "-s", "orders", "--openlineage-url", "ftp://example.com"], { project: p });
    expect(bad.exitCode).toBe(0);
    expect(bad.output).toContain("warning TSDBT-E608: The OpenLineage URL 'ftp://example.com' is not an http(s) URL, so no events are sent to it.");
  });
});
