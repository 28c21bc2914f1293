import { responseCode } from "@tsdbt/core";

/**
 * A result's `adapter_response` as dbt writes it for a statement's response: the message, its
 * code (the message without its counts: `INSERT 0 3` → `INSERT`) and the rows affected, -1 when
 * the statement counts none (`CREATE VIEW`).
 */
export function responseOf(message: string, rowsAffected: number | null): Record<string, unknown> {
  return { _message: message, code: responseCode(message), rows_affected: rowsAffected ?? -1 };
}
