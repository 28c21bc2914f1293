import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { datasetNamespace } from "./dataset-naming";
import type { OlRunEvent } from "./spec";
import { endpointFor, fileTransport, httpTransport } from "./transport";

const event = (n: number) => ({ eventType: "OTHER", eventTime: new Date(n).toISOString(), run: { runId: `r${n}` }, job: { namespace: "n", name: "j" }, inputs: [], outputs: [], producer: "p", schemaURL: "s" }) as OlRunEvent;

describe("OpenLineage transports", () => {
  it("uses OpenLineage's default path for a bare server URL and refuses other schemes", () => {
    expect(endpointFor("http://localhost:5000")).toBe("http://localhost:5000/api/v1/lineage");
    expect(endpointFor("https://ol.example.com/")).toBe("https://ol.example.com/api/v1/lineage");
    expect(endpointFor("http://h:1/api/v2/events?x=1")).toBe("http://h:1/api/v2/events?x=1");
    expect(endpointFor("ftp://h")).toBeUndefined();
    expect(endpointFor("not a url")).toBeUndefined();
  });

  it("names dataset namespaces after the adapter", () => {
    expect(datasetNamespace({ type: "duckdb", path: "target/x.duckdb" }, "/p")).toBe("duckdb:///p/target/x.duckdb");
    expect(datasetNamespace({ type: "duckdb" }, "/p")).toBe("duckdb://memory");
    expect(datasetNamespace({ type: "postgres", host: "db.local", port: 6543 }, "/p")).toBe("postgres://db.local:6543");
    expect(datasetNamespace({ type: "postgres", host: "db.local" }, "/p")).toBe("postgres://db.local:5432");
    expect(datasetNamespace({ type: "snowflake", account: "ORG-ACCT" }, "/p")).toBe("snowflake://org-acct");
    expect(datasetNamespace({ type: "bigquery", project: "p" }, "/p")).toBe("bigquery");
  });

  it("posts in emission order, and gives up on a hanging backend at close without throwing", async () => {
    const bodies: string[] = [];
    let hang = false;
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        bodies.push(JSON.parse(body).run.runId);
        if (!hang) res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const warnings: string[] = [];
      const ok = httpTransport(endpointFor(url)!, (m) => warnings.push(m));
      for (let i = 1; i <= 5; i++) ok.send(event(i));
      await ok.close(5000);
      expect(bodies).toEqual(["r1", "r2", "r3", "r4", "r5"]);
      expect(warnings).toEqual([]);

      hang = true;
      // the requests would hang for an hour: close() returning at all shows it gave up after its budget
      const slow = httpTransport(endpointFor(url)!, (m) => warnings.push(m), { requestTimeoutMs: 3_600_000 });
      slow.send(event(6));
      slow.send(event(7));
      await slow.close(300);
      expect(warnings).toEqual([`2 OpenLineage events were not delivered to ${url}/api/v1/lineage within 0.3s of the run's end; they are dropped.`]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("appends JSON lines to a file and reports an unwritable path once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-ol-"));
    try {
      const file = path.join(dir, "a", "events.jsonl");
      const t = fileTransport(file, () => undefined);
      t.send(event(1));
      t.send(event(2));
      await t.close(1000);
      expect(fs.readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l).run.runId)).toEqual(["r1", "r2"]);

      fs.writeFileSync(path.join(dir, "blocker"), "");
      const warnings: string[] = [];
      const bad = fileTransport(path.join(dir, "blocker", "events.jsonl"), (m) => warnings.push(m));
      bad.send(event(1));
      bad.send(event(2));
      await bad.close(1000);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^OpenLineage events could not be written to .+blocker.events\.jsonl \(.+\); the run goes on without them\.$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
