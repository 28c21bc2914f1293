/** Rows compared by a unit test: which expected rows are missing and which returned rows were not expected. */
export interface RowDiff {
  columns: string[];
  missing: Record<string, unknown>[];
  unexpected: Record<string, unknown>[];
}

/** A value as comparison text: numbers by value, dates as ISO text, null as null. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "bigint") return `n:${Number(value)}`;
  if (value instanceof Date) return `d:${value.toISOString()}`;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) && /^[\s\d.eE+-]+$/.test(value)) return `n:${Number(value)}`;
  return `v:${typeof value === "object" ? JSON.stringify(value) : String(value)}`;
}

function pick(row: Record<string, unknown>, column: string): unknown {
  if (column in row) return row[column];
  const key = Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase());
  return key === undefined ? null : row[key];
}

/** Compares two row lists as multisets over `columns` (row order does not matter). */
export function diffRows(expected: readonly Record<string, unknown>[], actual: readonly Record<string, unknown>[], columns: readonly string[]): RowDiff {
  const key = (row: Record<string, unknown>) => columns.map((c) => canonical(pick(row, c))).join("\u0001");
  const pool = new Map<string, Record<string, unknown>[]>();
  for (const row of actual) {
    const k = key(row);
    pool.set(k, [...(pool.get(k) ?? []), row]);
  }
  const missing: Record<string, unknown>[] = [];
  for (const row of expected) {
    const match = pool.get(key(row));
    if (match && match.length > 0) match.pop();
    else missing.push(row);
  }
  const unexpected = [...pool.values()].flat();
  const project = (row: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, pick(row, c)]));
  return { columns: [...columns], missing: missing.map(project), unexpected: unexpected.map(project) };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The diff as a small table: `+` rows were expected but not returned, `-` rows were returned
 * but not expected; rows of the same key columns sit next to each other.
 */
export function formatRowDiff(diff: RowDiff): string {
  const lines: [string, string[]][] = [
    ...diff.missing.map((r): [string, string[]] => ["+", diff.columns.map((c) => show(r[c]))]),
    ...diff.unexpected.map((r): [string, string[]] => ["-", diff.columns.map((c) => show(r[c]))]),
  ];
  lines.sort((a, b) => a[1].join("\u0001").localeCompare(b[1].join("\u0001")) || (a[0] === "+" ? -1 : 1));
  const widths = diff.columns.map((c, i) => Math.max(c.length, ...lines.map(([, v]) => v[i]!.length)));
  const row = (mark: string, values: string[]) => `  ${mark} | ${values.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  return [
    `actual differs from expected: ${diff.missing.length} expected row${diff.missing.length === 1 ? "" : "s"} missing, ${diff.unexpected.length} unexpected row${diff.unexpected.length === 1 ? "" : "s"} (+ expected, - actual)`,
    row(" ", diff.columns),
    ...lines.map(([mark, values]) => row(mark, values)),
  ].join("\n");
}
