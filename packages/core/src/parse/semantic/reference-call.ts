import { readLiteralArgs } from "../literal-args";

/** A `ref(...)`, `source(...)` or `metric(...)` written as text in YAML (`depends_on`, `model:`). */
export type ReferenceCall =
  | { kind: "ref"; name: string; package: string | null; version: string | number | null }
  | { kind: "source"; sourceName: string; table: string }
  | { kind: "metric"; name: string; package: string | null };

/**
 * Reads `ref('orders')`, `ref('pkg', 'orders', v=2)`, `source('shop', 'orders')` or
 * `metric('revenue')` (with or without `{{ }}`); null when the text is not one literal call.
 */
export function readReferenceCall(text: string): ReferenceCall | null {
  const m = /^\s*(?:\{\{\s*)?(ref|source|metric)\s*(?=\()/.exec(text);
  if (!m) return null;
  const parsed = readLiteralArgs(text, m[0].length);
  if (!parsed) return null;
  const args = parsed.args.map((a) => (a === null || a === undefined ? "" : String(a)));
  const version = parsed.kwargs.version ?? parsed.kwargs.v ?? null;
  if (m[1] === "source") return args.length === 2 ? { kind: "source", sourceName: args[0], table: args[1] } : null;
  if (args.length === 1) return m[1] === "ref" ? { kind: "ref", name: args[0], package: null, version: version as string | number | null } : { kind: "metric", name: args[0], package: null };
  if (args.length === 2) return m[1] === "ref" ? { kind: "ref", name: args[1], package: args[0], version: version as string | number | null } : { kind: "metric", name: args[1], package: args[0] };
  return null;
}
