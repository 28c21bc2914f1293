import type { Diagnostic } from "../diagnostics/diagnostic";

/** The cells of a CSV file's first record (quoted cells may hold the delimiter and newlines), with the 1-based column each starts at. */
function firstRecord(text: string, delimiter: string): { name: string; col: number }[] {
  const cells: { name: string; col: number }[] = [];
  let cell = "";
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) cells.push({ name: cell.trim(), col: start + 1 }), (cell = ""), (start = i + 1);
    else if (c === "\n" || c === "\r") break;
    else cell += c;
  }
  cells.push({ name: cell.trim(), col: start + 1 });
  return cells;
}

/**
 * TSDBT-E064 for a seed whose CSV has no usable header: an empty file, a first line that is
 * blank, a column without a name, or two columns with one name (case-insensitively, as the
 * warehouse compares unquoted names). Located at the header line, and the column for a name.
 */
export function checkSeedHeader(text: string, delimiter: unknown, file: string, nodeId: string): Diagnostic | undefined {
  const delim = typeof delimiter === "string" && delimiter.length === 1 ? delimiter : ",";
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = (message: string, hint: string, col = 1): Diagnostic => ({ code: "TSDBT-E064", severity: "error", message, file, line: 1, col, nodeId, hint, snippet: source.split(/\r?\n/, 1)[0] ?? "" });
  if (source.trim() === "") return at(`Seed ${file} is empty: it has no header row, so there is no table to load.`, "Write the column names on the first line (id,name,…) and one row per line below, or delete the file.");
  if (/^[\r\n]/.test(source)) return at(`The first line of seed ${file} is blank: the header row must name the columns.`, "Remove the blank line so the column names come first.");
  const header = firstRecord(source, delim);
  const seen = new Map<string, number>();
  for (const [i, { name, col }] of header.entries()) {
    if (name === "") return at(`Column ${i + 1} of seed ${file} has no name in the header row.`, "Give every column a name on the first line (a delimiter at the end of the line adds an empty column).", col);
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) return at(`Seed ${file} names two columns '${name}' (columns ${first + 1} and ${i + 1} of the header row).`, "Rename one of them: a table cannot hold two columns with one name.", col);
    seen.set(key, i);
  }
  return undefined;
}
