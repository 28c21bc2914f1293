/** A name Snowflake accepts without quotes (it then stores it upper-cased). */
const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Whether `name` may be written without quotes. */
export function isSimpleIdentifier(name: string): boolean {
  return SIMPLE_IDENTIFIER.test(name);
}

/** `"name"`, with embedded double quotes doubled: Snowflake then keeps the name's case exactly. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * One part of a name as SQL: unquoted when `quoted` is false and the name allows it (Snowflake
 * then upper-cases it, as dbt-snowflake's default quoting leaves names), else quoted exactly.
 */
export function renderPart(name: string, quoted: boolean): string {
  return !quoted && isSimpleIdentifier(name) ? name : quoteIdentifier(name);
}

/** The name Snowflake stores for a part rendered by {@link renderPart}. */
export function storedName(name: string, quoted: boolean): string {
  return !quoted && isSimpleIdentifier(name) ? name.toUpperCase() : name;
}

/**
 * The parts of a rendered, dot-separated name (`db."My Schema".t`) as written, quotes kept.
 * Dots inside double quotes belong to the part.
 */
export function splitRenderedName(rendered: string): string[] {
  const parts: string[] = [];
  let current = "";
  let inQuotes = false;
  for (let i = 0; i < rendered.length; i++) {
    const ch = rendered[i]!;
    if (ch === '"') {
      if (inQuotes && rendered[i + 1] === '"') {
        current += '""';
        i++;
        continue;
      }
      inQuotes = !inQuotes;
      current += ch;
    } else if (ch === "." && !inQuotes) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}
