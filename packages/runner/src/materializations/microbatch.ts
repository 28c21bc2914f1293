import type { MicrobatchBatch } from "@tsdbt/core";
import { describeError, nodeErrorMessage, RunnerError, TemplateFailure } from "../runner-error";
import type { BatchResults, BatchType, MacroPort, MicrobatchOptions, NodeCompiler } from "../types";
import type { BuildContext, BuildOutcome, Materialization } from "./build-context";
import { wantsFullRefresh } from "./incremental";
import { batchId, formatBatchStart, isoUtc, parseWallClock, planBatches, type BatchSize, type BatchWindow } from "./microbatch-batches";
import { findRelation } from "./relation-lookup";

/** What a microbatch build reports of each batch, as it goes. */
export type BatchProgress =
  | { kind: "start"; index: number; total: number; label: string }
  | { kind: "finish"; index: number; total: number; label: string; status: "success" | "error" | "skipped"; message: string; error: string | null; executionTime: number };

/** A microbatch build's outcome: dbt's `batch_results` besides the usual fields. */
export interface MicrobatchOutcome extends BuildOutcome {
  batchResults: BatchResults;
}

/** How one microbatch build runs: the run's options, how many batches may run at once, where progress goes. */
export interface MicrobatchRun {
  options: MicrobatchOptions;
  /** The run's start (the clock when `options.now` is not given). */
  startedAt: Date;
  /** Most batches at once, where the engine and the model allow concurrent batches. */
  concurrency: number;
  report(progress: BatchProgress): void;
}

/** dbt's text of an instant in SQL and in `__dbt_internal_microbatch_event_time_*` (Python's str of an aware UTC datetime). */
function sqlInstant(t: Date): string {
  return isoUtc(t).replace("T", " ");
}

/** True when the model's template names `this` inside Jinja (dbt's `has_this`): its batches then run one at a time. */
function readsThis(rawCode: string): boolean {
  return /\{\{[^}]*\bthis\b|\{%[^%]*\bthis\b/.test(rawCode);
}

/**
 * The build context of one batch: the node's config carries the batch window (dbt's internal
 * keys), pre-hooks run with the first batch only and post-hooks with the last; every batch but
 * the first is incremental (no full refresh); templates, hooks and strategy macros see `model.batch`.
 */
function batchContext(context: BuildContext, batch: MicrobatchBatch, window: BatchWindow, index: number, total: number): BuildContext {
  const { node } = context;
  const config: Record<string, unknown> = {
    ...node.config,
    "pre-hook": index === 0 ? node.config["pre-hook"] : [],
    "post-hook": index === total - 1 ? node.config["post-hook"] : [],
    __dbt_internal_microbatch_event_time_start: sqlInstant(window.start),
    __dbt_internal_microbatch_event_time_end: sqlInstant(window.end),
  };
  if (index > 0) config.full_refresh = false;
  const base = context.compiler;
  const compiler: NodeCompiler = {
    ...base,
    compileNode: (id, flags) => base.compileNode(id, { ...flags, batch }),
    renderHook: (sql, id, extra, statements, _batch, isIncremental) => base.renderHook(sql, id, extra, statements, batch, isIncremental),
  };
  const macros: MacroPort | undefined = context.macros && { ...context.macros, call: (id, name, args, statements) => context.macros!.call(id, name, args, statements, batch) };
  return {
    ...context,
    node: { ...node, config } as BuildContext["node"],
    compiler,
    macros,
    fullRefresh: index === 0 ? context.fullRefresh : false,
    compile: (isIncremental) => {
      try {
        return compiler.compileNode(node.unique_id, { isIncremental, batch });
      } catch (error) {
        throw new TemplateFailure(error);
      }
    },
    batch,
  };
}

/** Why a batch failed, as dbt's "Exception on worker thread" line words it. */
function batchError(context: BuildContext, error: unknown): string {
  if (error instanceof TemplateFailure || error instanceof RunnerError) return nodeErrorMessage(context.node, error instanceof TemplateFailure ? error.failure : error, error instanceof TemplateFailure ? "compile" : "execute").replace(/\n {2}compiled code at .*$/, "");
  const body = describeError(error)
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
  return `Database Error\n${body}`;
}

/**
 * Builds a microbatch model batch by batch with `materialize` (the incremental materialization),
 * as dbt-core does: the batches come from `--event-time-start/end`, else from `begin` (first run,
 * full refresh) or the current batch minus `lookback`; `tsdbt retry` runs the batches that failed.
 * The first batch runs alone (it may create the table); when it fails the others are skipped.
 * The middle batches run at once where the engine allows it (`capabilities.microbatchConcurrency`)
 * and the model permits (`concurrent_batches`, else not when it reads `this`); the last runs after
 * them. A failed batch does not stop the others; the outcome lists `batch_results`.
 */
export async function runMicrobatch(context: BuildContext, materialize: Materialization, run: MicrobatchRun): Promise<MicrobatchOutcome> {
  const { node, adapter, relation } = context;
  const config = node.config as Record<string, unknown>;
  const size = config.batch_size as BatchSize;
  const retry = run.options.retry?.[node.unique_id];
  const existing = await findRelation(adapter, relation);
  const isIncremental = existing !== null && existing.kind === "table" && !wantsFullRefresh(context);
  const windows: BatchWindow[] = retry
    ? retry.failed.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }))
    : planBatches(
        {
          batchSize: size,
          begin: typeof config.begin === "string" ? parseWallClock(config.begin) : null,
          lookback: typeof config.lookback === "number" ? config.lookback : 1,
          isIncremental,
          eventTimeStart: run.options.eventTimeStart ?? null,
          eventTimeEnd: run.options.eventTimeEnd ?? null,
          now: run.options.now ?? run.startedAt,
        },
        node.name,
      );
  const successful: BatchType[] = [];
  const failed: BatchType[] = [];
  const total = windows.length;
  const label = (i: number) => formatBatchStart(windows[i].start, size);
  const asType = (w: BatchWindow): BatchType => [isoUtc(w.start), isoUtc(w.end)];

  const runBatch = async (i: number): Promise<boolean> => {
    const window = windows[i];
    const batch: MicrobatchBatch = { id: batchId(window.start, size), eventTimeStart: window.start.toISOString(), eventTimeEnd: window.end.toISOString(), label: label(i) };
    const batchCtx = batchContext(context, batch, window, i, total);
    run.report({ kind: "start", index: i + 1, total, label: label(i) });
    const started = Date.now();
    try {
      const outcome = await materialize(batchCtx);
      successful.push(asType(window));
      run.report({ kind: "finish", index: i + 1, total, label: label(i), status: "success", message: outcome.message, error: null, executionTime: (Date.now() - started) / 1000 });
      return true;
    } catch (error) {
      failed.push(asType(window));
      run.report({ kind: "finish", index: i + 1, total, label: label(i), status: "error", message: "ERROR", error: batchError(batchCtx, error), executionTime: (Date.now() - started) / 1000 });
      return false;
    }
  };
  const skip = (i: number) => {
    failed.push(asType(windows[i]));
    run.report({ kind: "finish", index: i + 1, total, label: label(i), status: "skipped", message: "SKIPPED", error: null, executionTime: 0 });
  };

  if (total > 0) {
    const firstOk = await runBatch(0);
    const middle = Array.from({ length: Math.max(0, total - 2) }, (_, k) => k + 1);
    const last = total > 1 ? [total - 1] : [];
    if (!firstOk) [...middle, ...last].forEach(skip);
    else {
      const concurrent = adapter.capabilities.microbatchConcurrency === true && (typeof config.concurrent_batches === "boolean" ? config.concurrent_batches : !readsThis(node.raw_code ?? ""));
      await runAll(middle, concurrent ? Math.max(1, run.concurrency) : 1, runBatch);
      // the last batch runs after all others, so its post-hooks run at the end
      for (const i of last) await runBatch(i);
    }
  }
  const byStart = (a: BatchType, b: BatchType) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  successful.sort(byStart);
  failed.sort(byStart);
  // a retry reports the batches that succeeded before too, after those it ran
  if (retry) successful.push(...retry.successful);
  const ran = successful.length - (retry?.successful.length ?? 0);
  const message = failed.length === 0 ? "SUCCESS" : ran === 0 ? "ERROR" : `PARTIAL SUCCESS (${ran}/${ran + failed.length})`;
  return { rowsAffected: null, message, batchResults: { successful, failed } };
}

/** Runs `run` for each of `items`, at most `limit` at once, and waits for all. */
async function runAll(items: number[], limit: number, run: (item: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
