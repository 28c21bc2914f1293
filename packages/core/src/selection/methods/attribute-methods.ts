import type { ResourceType } from "../../manifest/types";
import { matchesGlob } from "../glob";
import { configOf, requireOneOf, tagsOf, type SelectorMethod } from "./selector-method";

/** Resource types that can be selected. */
export const SELECTABLE_RESOURCE_TYPES: readonly ResourceType[] = [
  "model",
  "seed",
  "snapshot",
  "test",
  "analysis",
  "operation",
  "source",
  "exposure",
  "unit_test",
  "metric",
  "semantic_model",
  "saved_query",
];

/** `tag:` matches members with a tag matching the value (`tag:nightly`, `tag:fin*`). */
export const tagMethod: SelectorMethod = ({ value }) => (member) => tagsOf(member).some((tag) => matchesGlob(tag, value));

/** `package:` matches members of a package; `package:this` means the root project. */
export const packageMethod: SelectorMethod = ({ value }, { manifest }) => {
  const wanted = value === "this" ? (manifest.metadata.project_name ?? value) : value;
  return (member) => matchesGlob(member.package_name, wanted);
};

/** `resource_type:` matches members of one type (`resource_type:seed`). */
export const resourceTypeMethod: SelectorMethod = (input) => {
  requireOneOf(input, "resource_type", SELECTABLE_RESOURCE_TYPES);
  return (member) => member.resource_type === input.value;
};

function configValueMatches(actual: unknown, wanted: string): boolean {
  if (Array.isArray(actual)) return actual.some((item) => configValueMatches(item, wanted));
  if (typeof actual === "boolean") return String(actual) === wanted.toLowerCase();
  if (typeof actual === "string") return matchesGlob(actual, wanted);
  return false;
}

/**
 * `config.<key>[.<subkey>…]:` matches members whose config value equals the value. A list
 * matches when any element does; booleans compare as `true`/`false`; a number never matches, as
 * in dbt, which compares it with the text (`config.materialized:table`, `config.tags:nightly`,
 * `config.contract.enforced:true`).
 */
export const configMethod: SelectorMethod = ({ value, args }) => (member) => {
  let current: unknown = configOf(member);
  for (const key of args) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return configValueMatches(current, value);
};

/** `group:` matches members that belong to a group. */
export const groupMethod: SelectorMethod = ({ value }) => (member) => {
  const group = ("group" in member ? member.group : null) ?? configOf(member).group;
  return typeof group === "string" && matchesGlob(group, value);
};

/** `access:` matches models by access level (`access:public`). */
export const accessMethod: SelectorMethod = (input) => {
  requireOneOf(input, "access", ["public", "protected", "private"]);
  return (member) => member.resource_type === "model" && ("access" in member ? member.access ?? "protected" : "protected") === input.value;
};

function compareVersions(left: string | number, right: string | number): number {
  const a = Number(left);
  const b = Number(right);
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  return String(left).localeCompare(String(right));
}

/** `version:` matches versioned models: `latest`, `prerelease` (newer than latest), `old`, or `none` (unversioned models). */
export const versionMethod: SelectorMethod = (input) => {
  requireOneOf(input, "version", ["latest", "prerelease", "old", "none"]);
  return (member) => {
    if (member.resource_type !== "model") return false;
    const version = "version" in member ? member.version ?? null : null;
    const latest = "latest_version" in member ? member.latest_version ?? null : null;
    if (input.value === "none") return version === null;
    if (version === null || latest === null) return false;
    const order = compareVersions(version, latest);
    return input.value === "latest" ? order === 0 : input.value === "prerelease" ? order > 0 : order < 0;
  };
};
