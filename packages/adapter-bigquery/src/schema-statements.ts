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

function unquote(part: string): string {
  return part.startsWith("`") ? part.slice(1, -1).replace(/\\(.)/g, "$1") : part;
}

function splitName(name: string): string[] {
  return name.match(new RegExp(PART, "g"))!.map(unquote);
}

/**
 * Recognises exactly the schema statements tsdbt itself writes (`create schema if not exists
 * [project.]dataset`, `drop schema if exists [project.]dataset [cascade]`), so the adapter can
 * create datasets in the profile's location and drop them through the API. Anything else: null.
 */
export function parseSchemaStatement(sql: string): SchemaStatement | null {
  const create = CREATE.exec(sql);
  const drop = create ? null : DROP.exec(sql);
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
