import * as path from "node:path";
import type { QueryResult } from "@tsdbt/adapter-api";
import { responseCode } from "@tsdbt/core";
import type { NodeResult, RunSummary } from "@tsdbt/runner";
import { customEnv, type CommandContext } from "./command-context";

/** What `show` ran: the node (or dbt's inline query id), the SQL sent with its limit, and when. */
export interface ShownQuery {
  /** `model.<project>.<name>`, or `sql_operation.<project>.inline_query` for `--inline`. */
  uniqueId: string;
  relationName: string | null;
  /** The SQL sent, limit included. */
  sql: string;
  compileStarted: Date;
  executeStarted: Date;
  executeEnded: Date;
  result: QueryResult;
}

/**
 * run_results.json of a `show` that succeeded, as dbt writes it: one `success` result for the node
 * (or the inline query), its compile and execute timing, the statement's response and the limited SQL
 * as its compiled code. A `show` that fails leaves the previous file alone, as dbt's does; nothing is
 * written with --no-write-json.
 */
export async function writeShowRunResults(ctx: CommandContext, targetPath: string, shown: ShownQuery): Promise<void> {
  if (!ctx.args.writeJson) return;
  const { writeRunResults } = await import("@tsdbt/runner");
  const iso = (d: Date) => d.toISOString();
  const seconds = (shown.executeEnded.getTime() - shown.compileStarted.getTime()) / 1000;
  const message = shown.result.status ?? "OK";
  const result: NodeResult = {
    status: "success",
    timing: [
      { name: "compile", started_at: iso(shown.compileStarted), completed_at: iso(shown.executeStarted) },
      { name: "execute", started_at: iso(shown.executeStarted), completed_at: iso(shown.executeEnded) },
    ],
    thread_id: "Thread-1 (worker)",
    execution_time: seconds,
    adapter_response: { _message: message, code: responseCode(message), rows_affected: shown.result.rowsAffected ?? shown.result.rows.length },
    message: null,
    failures: null,
    unique_id: shown.uniqueId,
    compiled: true,
    compiled_code: shown.sql,
    relation_name: shown.relationName,
  };
  const summary: RunSummary = { results: [result], elapsed: seconds, counts: { success: 1 } as RunSummary["counts"], interrupted: false, startedAt: iso(shown.compileStarted), hookErrors: [] };
  const args = { which: "show", select: ctx.args.select, exclude: ctx.args.exclude, limit: ctx.args.limit, ...(ctx.args.inline === undefined ? {} : { inline: ctx.args.inline }) };
  await writeRunResults(path.join(targetPath, "run_results.json"), summary, { invocationId: ctx.invocationId, invocationStartedAt: ctx.startedAt, env: customEnv(ctx.env), args });
}
