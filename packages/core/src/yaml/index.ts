/** YAML with positions: parse, locate keys and entries for diagnostics. */
export { parseYaml } from "./parse-yaml";
export type { ParsedYaml, YamlPosition, YamlPathSegment } from "./parse-yaml";
export { diagnosticAt } from "./diagnostic-at";
export type { YamlProblem } from "./diagnostic-at";
export { loadPyYaml, PYYAML_SCHEMA } from "./pyyaml-schema";
