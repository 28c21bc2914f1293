/**
 * Splits CSV text into records: fields may be quoted with `"` (doubled inside), hold the
 * delimiter and line breaks; a leading byte-order mark is dropped; `\r\n` ends a line like
 * `\n`. An unquoted empty field is null (as PostgreSQL's COPY reads it), a quoted one an empty string.
 * Shared by the adapters that load seeds from text (PostgreSQL COPY, Snowflake and BigQuery binds).
 */
export function csvRecords(text: string, delimiter: string): (string | null)[][] {
  const records: (string | null)[][] = [];
  let record: (string | null)[] = [];
  let field = "";
  let quoted = false;
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field === "" && !quoted ? null : field);
    field = "";
    quoted = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') (field += '"'), i++;
      else inQuotes = false;
    } else if (ch === '"') {
      inQuotes = true;
      quoted = true;
    } else if (text.startsWith(delimiter, i)) {
      endField();
      i += delimiter.length - 1;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== "" || quoted || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}
