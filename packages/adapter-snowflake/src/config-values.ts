/** A config value given as one string or a list, as a list of non-empty strings. */
export function list(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim() !== "");
}

/** A boolean config value, which YAML or Jinja may give as `"true"`/`"false"`; `fallback` when unset. */
export function truthy(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string") return value.trim().toLowerCase() === "true";
  return value === true;
}
