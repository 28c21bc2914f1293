/** A `create schema` / `drop schema` statement, recognised so it can go through the datasets API. */
export interface SchemaStatement {
  action: "create" | "drop";
  project: string | null;
  dataset: string;
  /** `drop … cascade`: the dataset's tables go too. */
  cascade: boolean;
}

const PART = "(?:`(?:[^`\\\\]|\\\\.)*`|[A-Za-z_][A-Za-z0-9_-]*)";
const CREATE = new RegExp(`^\\s*create\\s+schema\\s+if\\s+not\\s+exists\\s+(${PART}(?:\\.${PART})?)\\s*;?\\s*$`, "i");
const DROP = new RegExp(`^\\s*drop\\s+schema\\s+if\\s+exists\\s+(${PART}(?:\\.${PART})?)(\\s+cascade)?\\s*;?\\s*$`, "i");

/** The statement without the block comments before and after it (a query comment, put there by the runner). */
function withoutOuterComments(sql: string): string {
  return sql.replace(/^(?:\s*\/\*[\s\S]*?\*\/)+/, "").replace(/(?:\/\*[\s\S]*?\*\/\s*)+$/, "");
}

function unquote(part: string): string {
  return part.startsWith("`") ? part.slice(1, -1).replace(/\\(.)/g, "$1") : part;
}

function splitName(name: string): string[] {
  return name.match(new RegExp(PART, "g"))!.map(unquote);
}

/**
 * Recognises exactly the schema statements tsdbt itself writes (`create schema if not exists
 * [project.]dataset`, `drop schema if exists [project.]dataset [cascade]`), so the adapter can
 * create datasets in the profile's location and drop them through the API, also with a query
 * comment before or after them. Anything else: null.
 */
export function parseSchemaStatement(sql: string): SchemaStatement | null {
  const statement = withoutOuterComments(sql);
  const create = CREATE.exec(statement);
  const drop = create ? null : DROP.exec(statement);
  const match = create ?? drop;
  if (!match) return null;
  const parts = splitName(match[1]!);
  return {
    action: create ? "create" : "drop",
    project: parts.length === 2 ? parts[0]! : null,
    dataset: parts[parts.length - 1]!,
    cascade: Boolean(drop?.[2]),
  };
}
