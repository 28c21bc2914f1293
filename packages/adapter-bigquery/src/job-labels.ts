/** Longest label key or value BigQuery takes. */
const MAX_LABEL_LENGTH = 63;

/** A key or value as a legal BigQuery label, as dbt-bigquery writes it: trimmed, lower case, `[a-z0-9_-]` only, at most 63 characters. */
export function legalLabel(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "_")
    .slice(0, MAX_LABEL_LENGTH);
}

/** The labels of a job from `ExecuteOptions.jobLabels`, made legal; null when there are none. Keys that come out empty are dropped. */
export function jobLabelsOf(labels: Readonly<Record<string, string>> | undefined): Record<string, string> | null {
  if (!labels) return null;
  const legal = Object.entries(labels)
    .map(([key, value]) => [legalLabel(key), legalLabel(String(value))] as const)
    .filter(([key]) => key !== "");
  return legal.length > 0 ? Object.fromEntries(legal) : null;
}
