/**
 * CSV text read into rows the way dbt reads unit test fixtures and seeds for them (Python's
 * `csv.DictReader`, excel dialect): the first record names the columns; blank lines are
 * skipped; fields are kept as written (no trimming); a record shorter than the header leaves
 * the missing columns null. Fields a record has past the header are dropped (Python keeps
 * them under a `None` key, which a JavaScript object cannot hold).
 */
export function csvDictRows(text: string): Record<string, string | null>[] {
  const records = csvRecords(text);
  const header = records.shift();
  if (!header) return [];
  return records.map((record) => {
    const row: Record<string, string | null> = {};
    header.forEach((name, i) => {
      row[name] = i < record.length ? record[i]! : null;
    });
    return row;
  });
}

/**
 * The records of CSV text as Python's `csv.reader` returns them: `"` quotes a field (`""` is a
 * quote inside it, line breaks are kept), a quote inside an unquoted field is text, characters
 * after a closing quote join the field; `\n`, `\r\n` and `\r` end a record; blank lines give no record.
 */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    if (fieldStarted || record.length > 0) {
      endField();
      records.push(record);
    }
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  endRecord();
  return records;
}
