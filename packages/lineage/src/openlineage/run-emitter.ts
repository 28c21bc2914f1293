import { randomUUID } from "node:crypto";
import type { Manifest, ManifestNode } from "@tsdbt/core";
import { ColumnLineageBuilder } from "../build-column-lineage";
import type { CatalogLike } from "../types";
import { assertionsFacet, columnLineageFacet, schemaFacet, type FacetContext } from "./dataset-facets";
import { datasetName, datasetNamespace, type TargetLike } from "./dataset-naming";
import { facet, PRODUCER, SCHEMA_URLS, type BaseFacet, type OlDataset, type OlEventType, type OlRunEvent } from "./spec";
import type { OpenLineageTransport } from "./transport";

/** The run events the emitter reads (the runner's `RunEvent`, structurally). */
export type RunEventLike =
  | { kind: "node_start"; node_info: { unique_id: string } }
  | { kind: "node_finish"; node_info: { unique_id: string }; result: { status: string; message: string | null; compiled_code: string | null } }
  | { kind: string; node_info?: unknown; result?: unknown };

/** Options of {@link OpenLineageRunEmitter}. */
export interface RunEmitterOptions {
  manifest: Manifest;
  /** The profile target (adapter type, host/port or path): gives the datasets' namespace. */
  target: TargetLike;
  projectDir: string;
  /** The invocation id: the parent run's runId. */
  invocationId: string;
  /** The command (run, build, test, seed, snapshot): names the parent job `tsdbt-<command>-<project>`. */
  command: string;
  /** Namespace of the jobs (default "default"). */
  jobNamespace?: string;
  transports: OpenLineageTransport[];
  catalog?: CatalogLike;
  /** Clock (tests). */
  now?: () => Date;
}

const JOB_TYPES: Record<string, string> = { model: "MODEL", seed: "SEED", snapshot: "SNAPSHOT", test: "TEST" };

/**
 * Turns a run's node events into OpenLineage run events: the invocation is the parent run
 * (START when the run starts, COMPLETE or FAIL at its end); every model, seed, snapshot and test
 * is a child run with START then COMPLETE or FAIL, its inputs and outputs as datasets, output
 * schema and column lineage facets, and data quality assertions for tests. Events are handed
 * to the transports without waiting; nothing here throws into the run.
 */
export class OpenLineageRunEmitter {
  private readonly runIds = new Map<string, string>();
  private readonly lineage: ColumnLineageBuilder;
  private readonly ctx: FacetContext;
  private readonly parentJob: { namespace: string; name: string };
  private readonly now: () => Date;
  /** Event work runs after the runner's callback returns, in order, off the run's path. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunEmitterOptions) {
    const { manifest } = options;
    this.lineage = new ColumnLineageBuilder(manifest, { catalog: options.catalog, adapterType: options.target.type, projectDir: options.projectDir });
    this.ctx = { manifest, namespace: datasetNamespace(options.target, options.projectDir), catalog: options.catalog, lineageOf: (id) => this.lineage.lineageOf(id) };
    this.parentJob = { namespace: options.jobNamespace ?? "default", name: `tsdbt-${options.command}-${manifest.metadata.project_name ?? "project"}` };
    this.now = options.now ?? (() => new Date());
  }

  /** The datasets' namespace (e.g. `duckdb:///abs/path.duckdb`). */
  get namespace(): string {
    return this.ctx.namespace;
  }

  /** Sends the parent run's START. */
  runStarted(): void {
    this.defer(() => this.send({ eventType: "START", run: { runId: this.options.invocationId }, job: this.parentJob, inputs: [], outputs: [] }));
  }

  /** Handles one runner event (node start or finish); other events are ignored. */
  onRunEvent(event: RunEventLike): void {
    if (event.kind === "node_start") {
      const id = (event.node_info as { unique_id: string }).unique_id;
      this.defer(() => this.nodeStarted(id));
    } else if (event.kind === "node_finish") {
      const e = event as Extract<RunEventLike, { kind: "node_finish" }>;
      const id = e.node_info.unique_id;
      const result = { status: e.result.status, message: e.result.message, compiled_code: e.result.compiled_code };
      this.defer(() => this.nodeFinished(id, result));
    }
  }

  /** Runs `work` on a later turn of the event loop, after earlier work; a throw is swallowed (lineage never breaks a run). */
  private defer(work: () => void): void {
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            try {
              work();
            } catch {
              // nothing to do: the event is dropped
            }
            resolve();
          }),
        ),
    );
  }

  /** Sends the parent run's COMPLETE (or FAIL when `failed`). */
  runFinished(failed: boolean, message?: string): void {
    this.defer(() => this.parentFinished(failed, message));
  }

  private parentFinished(failed: boolean, message?: string): void {
    const facets: Record<string, BaseFacet> = {};
    if (failed && message) facets.errorMessage = facet(SCHEMA_URLS.errorMessage, { message, programmingLanguage: "SQL" });
    this.send({ eventType: failed ? "FAIL" : "COMPLETE", run: { runId: this.options.invocationId, facets }, job: this.parentJob, inputs: [], outputs: [] });
  }

  /** Waits (at most `timeoutMs`) for every transport to deliver what was sent. */
  async close(timeoutMs = 5000): Promise<void> {
    await this.queue;
    await Promise.all(this.options.transports.map((t) => t.close(timeoutMs).catch(() => undefined)));
  }

  private nodeStarted(id: string): void {
    const node = this.options.manifest.nodes[id];
    if (!node || !JOB_TYPES[node.resource_type]) return;
    const runId = randomUUID();
    this.runIds.set(id, runId);
    this.send({ eventType: "START", ...this.runAndJob(node, runId), inputs: this.inputs(node), outputs: this.outputs(node, null) });
  }

  private nodeFinished(id: string, result: { status: string; message: string | null; compiled_code: string | null }): void {
    const node = this.options.manifest.nodes[id];
    const runId = this.runIds.get(id);
    if (!node || !runId) return; // skipped before it started: no run to close
    this.runIds.delete(id);
    const failed = result.status === "error";
    const base = this.runAndJob(node, runId, result.compiled_code);
    if (failed) base.run.facets!.errorMessage = facet(SCHEMA_URLS.errorMessage, { message: result.message ?? "failed", programmingLanguage: "SQL" });
    const type: OlEventType = failed ? "FAIL" : "COMPLETE";
    const inputs = this.inputs(node, node.resource_type === "test" && !failed ? result.status : undefined);
    this.send({ eventType: type, ...base, inputs, outputs: this.outputs(node, failed ? null : result.compiled_code) });
  }

  private runAndJob(node: ManifestNode, runId: string, sql?: string | null): Pick<OlRunEvent, "run" | "job"> {
    const jobFacets: Record<string, BaseFacet> = { jobType: facet(SCHEMA_URLS.jobType, { processingType: "BATCH", integration: "DBT", jobType: JOB_TYPES[node.resource_type] }) };
    if (sql) jobFacets.sql = facet(SCHEMA_URLS.sql, { query: sql });
    const parent = facet(SCHEMA_URLS.parent, { run: { runId: this.options.invocationId }, job: this.parentJob, root: { run: { runId: this.options.invocationId }, job: this.parentJob } });
    return { run: { runId, facets: { parent } }, job: { namespace: this.parentJob.namespace, name: node.unique_id, facets: jobFacets } };
  }

  /** Parents as input datasets; for a finished test, its assertion on the tested relation. */
  private inputs(node: ManifestNode, testStatus?: string): OlDataset[] {
    const seen = new Set<string>();
    const out: OlDataset[] = [];
    const add = (id: string) => {
      const name = datasetName(this.options.manifest, id);
      if (name && !seen.has(name)) {
        seen.add(name);
        out.push({ namespace: this.ctx.namespace, name });
      }
    };
    const parents = node.depends_on?.nodes ?? [];
    for (const p of parents) {
      const parent = this.options.manifest.nodes[p];
      // an ephemeral parent is inlined: its own parents are the real inputs
      if (parent?.config?.materialized === "ephemeral") for (const pp of parent.depends_on?.nodes ?? []) add(pp);
      else add(p);
    }
    if (testStatus !== undefined) {
      const tested = node.attached_node ?? parents[0];
      const target = out.find((d) => d.name === datasetName(this.options.manifest, tested ?? ""));
      if (target) {
        const column = node.column_name ?? (node.test_metadata?.kwargs?.column_name as string | undefined);
        const assertion = { assertion: node.test_metadata?.name ?? node.name, success: testStatus === "pass", ...(column ? { column } : {}) };
        target.inputFacets = { dataQualityAssertions: assertionsFacet([assertion]) };
      }
    }
    return out;
  }

  /** The node's relation as output dataset; with its schema and column lineage once the SQL is known. */
  private outputs(node: ManifestNode, sql: string | null): OlDataset[] {
    const name = datasetName(this.options.manifest, node.unique_id);
    if (!name) return [];
    const dataset: OlDataset = { namespace: this.ctx.namespace, name };
    if (sql !== null) {
      const lineage = node.resource_type === "seed" ? undefined : this.lineage.lineageOf(node.unique_id, sql);
      const columns = lineage ? Object.keys(lineage.columns) : this.lineage.columnsOf(node.unique_id);
      const facets: Record<string, BaseFacet> = {};
      if (columns?.length) facets.schema = schemaFacet(this.ctx, node.unique_id, columns);
      if (lineage?.level === "column") facets.columnLineage = columnLineageFacet(this.ctx, lineage);
      dataset.facets = facets;
    }
    return [dataset];
  }

  private send(partial: Omit<OlRunEvent, "eventTime" | "producer" | "schemaURL">): void {
    const event: OlRunEvent = { eventTime: this.now().toISOString(), producer: PRODUCER, schemaURL: SCHEMA_URLS.runEvent, ...partial };
    for (const t of this.options.transports) {
      try {
        t.send(event);
      } catch {
        // a transport reports its own problems once
      }
    }
  }
}
