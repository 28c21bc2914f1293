import { RunnerError, RunnerErrorCode } from "../runner-error";

/** A parsed CSV file: the header and the data rows, every cell as written (quotes removed). */
export interface CsvTable {
  header: string[];
  /** Data rows, one string per header column. */
  rows: string[][];
}

function checkDelimiter(delimiter: string, file: string): void {
  if (delimiter.length !== 1) {
    throw new RunnerError(RunnerErrorCode.malformedCsv, `Seed ${file} has delimiter ${JSON.stringify(delimiter)}; a delimiter must be exactly one character.`, {
      file,
      hint: "Set `delimiter` in the seed's config to a single character such as ',' or ';'.",
    });
  }
}

/**
 * Reads CSV text record by record without keeping the rows: the header, then `onRow` for each
 * data row. Fields split on `delimiter`; double-quoted fields may hold delimiters, newlines and
 * `""` escapes; CRLF and LF line ends; a leading UTF-8 BOM is dropped; blank lines are ignored.
 * @returns the header (trimmed) and the number of data rows
 * @throws RunnerError TSDBT-E407 for an unterminated quote or a row whose width differs from the header.
 */
export function scanCsv(text: string, delimiter: string, file: string, onRow: (cells: string[]) => void): { header: string[]; rows: number } {
  checkDelimiter(delimiter, file);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delim = delimiter.charCodeAt(0);
  const n = source.length;
  let header: string[] | undefined;
  let rows = 0;
  let line = 1;
  let i = 0;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    let content = false;
    for (;;) {
      let cell: string;
      if (source.charCodeAt(i) === 34 /* " */) {
        const openCol = i - source.lastIndexOf("\n", i - 1);
        let j = i + 1;
        cell = "";
        for (;;) {
          const q = source.indexOf('"', j);
          if (q < 0) {
            throw new RunnerError(RunnerErrorCode.malformedCsv, `Seed ${file} has a quoted field that is never closed.`, {
              file,
              line: recordLine,
              col: openCol,
              hint: 'Close the field with a double quote; write a literal quote inside a quoted field as "".',
            });
          }
          cell += source.slice(j, q);
          if (source.charCodeAt(q + 1) === 34) {
            cell += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = cell.indexOf("\n"); k >= 0; k = cell.indexOf("\n", k + 1)) line++;
        // characters after the closing quote belong to the same cell, as the old reader allowed
        let j2 = i;
        while (j2 < n) {
          const c = source.charCodeAt(j2);
          if (c === delim || c === 10 || c === 13) break;
          j2++;
        }
        cell += source.slice(i, j2);
        i = j2;
        content = true;
      } else {
        let j = i;
        while (j < n) {
          const c = source.charCodeAt(j);
          if (c === delim || c === 10 || c === 13) break;
          j++;
        }
        cell = source.slice(i, j);
        i = j;
      }
      cells.push(cell);
      const c = i < n ? source.charCodeAt(i) : -1;
      if (c === delim) {
        content = true;
        i++;
        continue;
      }
      if (c === 13 && source.charCodeAt(i + 1) === 10) i += 2;
      else if (c === 10 || c === 13) i++;
      line++;
      break;
    }
    if (!content && cells.length === 1 && cells[0] === "") continue; // a blank line
    if (!header) {
      header = cells.map((h) => h.trim());
      continue;
    }
    if (cells.length !== header.length) {
      throw new RunnerError(RunnerErrorCode.malformedCsv, `Seed ${file} has ${cells.length} fields on line ${recordLine}, but its header has ${header.length}.`, {
        file,
        line: recordLine,
        col: 1,
        hint: "Quote fields that contain the delimiter, or fix the row so it has one value per header column.",
      });
    }
    rows++;
    onRow(cells);
  }
  return { header: header ?? [], rows };
}

/** Parses CSV text with a header row into memory (see {@link scanCsv}; fine for small files). */
export function parseCsv(text: string, delimiter: string, file: string): CsvTable {
  const rows: string[][] = [];
  const { header } = scanCsv(text, delimiter, file, (cells) => rows.push(cells));
  return { header, rows };
}
