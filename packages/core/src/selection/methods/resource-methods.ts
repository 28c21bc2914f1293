import { matchesGlob } from "../glob";
import { selectionError } from "../selection-error";
import { fqnMethod } from "./name-methods";
import type { SelectorMethod } from "./selector-method";

/**
 * `source:` matches source tables: `source:raw` (every table of source `raw`),
 * `source:raw.orders`, or `source:package.raw.orders`; each part may hold wildcards.
 */
export const sourceMethod: SelectorMethod = ({ value, raw }) => {
  const parts = value.split(".");
  if (parts.length > 3) {
    throw selectionError(
      `The selection spec '${raw}' has ${parts.length} dotted parts, but a source is named by at most three.`,
      "Write 'source:<source>', 'source:<source>.<table>' or 'source:<package>.<source>.<table>'.",
    );
  }
  const [packageName, sourceName, tableName] =
    parts.length === 3 ? parts : parts.length === 2 ? ["*", ...parts] : ["*", parts[0], "*"];
  return (member) =>
    member.resource_type === "source" &&
    matchesGlob(member.package_name, packageName) &&
    matchesGlob(member.source_name, sourceName) &&
    matchesGlob(member.name, tableName);
};

/**
 * A method matching one resource type by name, optionally prefixed by package
 * (`exposure:shop.weekly`, `metric:revenue`, `semantic_model:orders`, `saved_query:*`).
 */
function packageNameMethod(resourceType: string, label: string): SelectorMethod {
  return ({ value, raw }) => {
    const parts = value.split(".");
    if (parts.length > 2) {
      throw selectionError(
        `The selection spec '${raw}' has ${parts.length} dotted parts, but ${label} is named by at most two.`,
        `Write '${resourceType}:<name>' or '${resourceType}:<package>.<name>'.`,
      );
    }
    const [packageName, name] = parts.length === 2 ? parts : ["*", parts[0]];
    return (member) => member.resource_type === resourceType && matchesGlob(member.package_name, packageName) && matchesGlob(member.name, name);
  };
}

/** `exposure:` matches exposures by name, optionally prefixed by package (`exposure:shop.weekly`). */
export const exposureMethod: SelectorMethod = packageNameMethod("exposure", "an exposure");
/** `metric:` matches metrics by name, optionally prefixed by package. */
export const metricMethod: SelectorMethod = packageNameMethod("metric", "a metric");
/** `semantic_model:` matches semantic models by name, optionally prefixed by package. */
export const semanticModelMethod: SelectorMethod = packageNameMethod("semantic_model", "a semantic model");
/** `saved_query:` matches saved queries by name, optionally prefixed by package. */
export const savedQueryMethod: SelectorMethod = packageNameMethod("saved_query", "a saved query");

/** `unit_test:` matches unit tests by name or fully qualified name. */
export const unitTestMethod: SelectorMethod = (input, context) => {
  const byName = fqnMethod(input, context);
  return (member) => member.resource_type === "unit_test" && byName(member);
};

/** Methods that need run results, which selection does not read yet (`result:`, `source_status:`). */
export const needsRunResultsMethod: SelectorMethod = ({ raw }) => {
  throw selectionError(
    `The selection spec '${raw}' needs the results of a previous run, which tsdbt cannot select on yet.`,
    "Select the nodes by name, tag or state:modified instead.",
  );
};
