/**
 * The text of a PostgreSQL server error as libpq (and so psycopg2, and dbt-postgres) prints it:
 * the message, then the line of the statement the error points at with a caret under the spot
 * (`LINE 2: select * from nope` / `              ^`), then the server's DETAIL, HINT, QUERY and
 * CONTEXT fields. node-postgres gives only the message; the other parts are fields of its error.
 */

/** The fields of a node-postgres `DatabaseError` this text is made of. */
export interface ServerErrorFields {
  message: string;
  /** 1-based character offset into the statement sent. */
  position?: string;
  /** 1-based character offset into `internalQuery` (a statement a function ran). */
  internalPosition?: string;
  internalQuery?: string;
  detail?: string;
  hint?: string;
  /** The call stack (`PL/pgSQL function … line 1 at RAISE`), shown as CONTEXT. */
  where?: string;
}

/** libpq shows at most this many columns of the statement's line … */
const DISPLAY_WIDTH = 60;
/** … and keeps at least this many columns right of the caret when it cuts the line's end. */
const MIN_RIGHT_CUT = 10;

/** The error's full text for a statement `sql` the server refused (no trailing newline). */
export function serverErrorText(error: ServerErrorFields, sql: string): string {
  const parts = [error.message];
  const statementPosition = Number(error.position);
  const internalPosition = Number(error.internalPosition);
  if (error.position && statementPosition > 0) parts.push(...positionLines(sql, statementPosition));
  else if (error.internalQuery && error.internalPosition && internalPosition > 0) parts.push(...positionLines(error.internalQuery, internalPosition));
  if (error.detail) parts.push(`DETAIL:  ${error.detail}`);
  if (error.hint) parts.push(`HINT:  ${error.hint}`);
  if (error.internalQuery) parts.push(`QUERY:  ${error.internalQuery}`);
  if (error.where) parts.push(`CONTEXT:  ${error.where}`);
  return parts.join("\n");
}

/**
 * `LINE n: <the line>` and the caret line for the 1-based character `position` of `text`. A line
 * wider than {@link DISPLAY_WIDTH} columns is cut, marked `...`, so that the caret stays in view;
 * tabs show as one space each, East Asian wide characters take two columns.
 */
export function positionLines(text: string, position: number): string[] {
  const chars = Array.from(text);
  const at = Math.min(position - 1, chars.length);
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    const c = chars[i];
    if (c === "\n" || (c === "\r" && chars[i + 1] !== "\n")) {
      line++;
      start = i + 1;
    }
  }
  let end = start;
  while (end < chars.length && chars[end] !== "\n" && chars[end] !== "\r") end++;
  let shown = chars.slice(start, end).map((c) => (c === "\t" ? " " : c));
  const widths = shown.map(columnWidth);
  const sum = (from: number, to: number) => widths.slice(from, to).reduce((a, b) => a + b, 0);
  let first = 0;
  let last = shown.length;
  let caret = sum(0, at - start);
  let cutStart = false;
  let cutEnd = false;
  if (sum(first, last) > DISPLAY_WIDTH) {
    if (caret + MIN_RIGHT_CUT < DISPLAY_WIDTH) {
      while (sum(first, last) > DISPLAY_WIDTH) last--;
      cutEnd = true;
    } else {
      if (caret + MIN_RIGHT_CUT < sum(first, last)) {
        while (sum(first, last) > caret + MIN_RIGHT_CUT) last--;
        cutEnd = true;
      }
      while (sum(first, last) > DISPLAY_WIDTH) {
        caret -= widths[first]!;
        first++;
        cutStart = true;
      }
    }
  }
  shown = shown.slice(first, last);
  const label = `LINE ${line}: `;
  const prefix = `${label}${cutStart ? "..." : ""}`;
  return [`${prefix}${shown.join("")}${cutEnd ? "..." : ""}`, `${" ".repeat(prefix.length + caret)}^`];
}

/** Columns a character takes on a terminal: two for East Asian wide ones (CJK, emoji), else one. */
function columnWidth(char: string): number {
  const code = char.codePointAt(0)!;
  return WIDE_RANGES.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
}

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];
