import { RunnerError, RunnerErrorCode } from "../runner-error";

/** A parsed CSV file: the header and the data rows, every cell as written (quotes removed). */
export interface CsvTable {
  header: string[];
  /** Data rows, one string per header column. */
  rows: string[][];
}

/**
 * Parses CSV text with a header row: fields split on `delimiter`, double-quoted fields may
 * hold delimiters, newlines and `""` escapes, CRLF and LF line ends, a leading UTF-8 BOM is
 * dropped and blank lines are ignored. `file` is only used in error messages.
 * @throws RunnerError TSDBT-E407 for an unterminated quote or a row whose width differs from the header.
 */
export function parseCsv(text: string, delimiter: string, file: string): CsvTable {
  if (delimiter.length !== 1) {
    throw new RunnerError(RunnerErrorCode.malformedCsv, `Seed ${file} has delimiter ${JSON.stringify(delimiter)}; a delimiter must be exactly one character.`, {
      file,
      hint: "Set `delimiter` in the seed's config to a single character such as ',' or ';'.",
    });
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let rowHasContent = false;
  const endRecord = (): void => {
    cells.push(cell);
    if (rowHasContent || cells.length > 1 || cell !== "") records.push({ cells, line: recordLine });
    cells = [];
    cell = "";
    rowHasContent = false;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"' && cell === "") {
      const openLine = line;
      const openCol = i - source.lastIndexOf("\n", i - 1);
      i++;
      let closed = false;
      while (i < source.length) {
        const q = source[i]!;
        if (q === '"') {
          if (source[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (q === "\n") line++;
        cell += q;
        i++;
      }
      if (!closed) {
        throw new RunnerError(RunnerErrorCode.malformedCsv, `Seed ${file} has a quoted field that is never closed.`, {
          file,
          line: openLine,
          col: openCol,
          hint: 'Close the field with a double quote; write a literal quote inside a quoted field as "".',
        });
      }
      rowHasContent = true;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      rowHasContent = true;
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      i += ch === "\r" && source[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== "" || cells.length > 0 || rowHasContent) endRecord();
  const [head, ...body] = records;
  if (!head) return { header: [], rows: [] };
  for (const record of body) {
    if (record.cells.length !== head.cells.length) {
      throw new RunnerError(
        RunnerErrorCode.malformedCsv,
        `Seed ${file} has ${record.cells.length} fields on line ${record.line}, but its header has ${head.cells.length}.`,
        { file, line: record.line, col: 1, hint: "Quote fields that contain the delimiter, or fix the row so it has one value per header column." },
      );
    }
  }
  return { header: head.cells.map((h) => h.trim()), rows: body.map((r) => r.cells) };
}
