import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsv } from "./csv-reader";

/**
 * True for a cell dbt loads as NULL: empty, blank, or `null` in any case (agate's null values
 * as dbt configures them, after trimming). A quoted `""` or `"null"` counts too.
 */
export function isNullCell(cell: string): boolean {
  const t = cell.trim();
  return t === "" || t.toLowerCase() === "null";
}

/** True when the adapters' loaders (which read only an unquoted empty field as NULL) would keep a null cell as text. */
export function needsNullRewrite(cells: readonly string[]): boolean {
  return cells.some((c) => c !== "" && isNullCell(c));
}

const quoted = (cell: string, delimiter: string): string => (/["\r\n]/.test(cell) || cell.includes(delimiter) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell);

/**
 * Writes a copy of a seed's CSV text where every null cell is an unquoted empty field (which
 * every adapter's bulk load reads as NULL) and every other cell is `cellText(cell, column)`
 * (as written by default), runs `use` with its path, then deletes it.
 */
export async function withNullsNormalised<T>(text: string, delimiter: string, file: string, use: (path: string) => Promise<T>, cellText: (cell: string, column: number) => string = (cell) => cell): Promise<T> {
  const table = parseCsv(text, delimiter, file);
  const lines = [table.header.map((h) => quoted(h, delimiter)).join(delimiter)];
  for (const row of table.rows) lines.push(row.map((c, i) => (isNullCell(c) ? "" : quoted(cellText(c, i), delimiter))).join(delimiter));
  const dir = await mkdtemp(join(tmpdir(), "tsdbt-seed-"));
  const path = join(dir, "seed.csv");
  try {
    await writeFile(path, lines.join("\n") + "\n", "utf8");
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
