import type { PropertiesFile } from "../properties";

/** The identity every resource defined in a properties file has: where it is written and its ids. */
export interface YamlResourceBase {
  name: string;
  resource_type: string;
  package_name: string;
  /** The properties file relative to its resource folder (`marts/orders.yml`). */
  path: string;
  original_file_path: string;
  unique_id: string;
  fqn: string[];
}

/** A mapping read from YAML, or an empty one. */
export const asRecord = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** A list read from YAML, or an empty one. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A string read from YAML, or null. */
export const strOrNull = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
/** Tags written as one string or a list. */
export const asTags = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []);

/**
 * The ids of a resource written in a properties file, as dbt gives them: `<type>.<package>.<name>`,
 * fqn `[package, ...folders below the resource folder, name]`, path relative to the resource folder.
 */
export function yamlResourceBase(file: PropertiesFile, resourceType: string, name: string): YamlResourceBase {
  const parts = file.parsed.file.split("/");
  return {
    name,
    resource_type: resourceType,
    package_name: file.packageName,
    path: parts.slice(1).join("/"),
    original_file_path: file.parsed.file,
    unique_id: `${resourceType}.${file.packageName}.${name}`,
    fqn: [file.packageName, ...parts.slice(1, -1), name],
  };
}
