import type { SelectableMember } from "../../graph/graph-member";
import { matchesGlob } from "../glob";
import { requireOneOf, type SelectorMethod } from "./selector-method";

type TestKind = "generic" | "singular" | "unit";

const TEST_TYPE_ALIASES: Record<string, TestKind> = {
  generic: "generic",
  schema: "generic",
  singular: "singular",
  data: "singular",
  unit: "unit",
};

function testKind(member: SelectableMember): TestKind | undefined {
  if (member.resource_type === "unit_test") return "unit";
  if (member.resource_type !== "test") return undefined;
  return "test_metadata" in member && member.test_metadata ? "generic" : "singular";
}

/**
 * `test_type:` matches tests by kind: `generic` (alias `schema`), `singular` (alias `data`)
 * or `unit`.
 */
export const testTypeMethod: SelectorMethod = (input) => {
  requireOneOf(input, "test_type", Object.keys(TEST_TYPE_ALIASES));
  const wanted = TEST_TYPE_ALIASES[input.value];
  return (member) => testKind(member) === wanted;
};

/**
 * `test_name:` matches generic tests by the test they instantiate, with or without its
 * package namespace (`test_name:unique`, `test_name:dbt_utils.expression_is_true`).
 */
export const testNameMethod: SelectorMethod = ({ value }) => (member) => {
  if (member.resource_type !== "test" || !("test_metadata" in member) || !member.test_metadata) return false;
  const { name, namespace } = member.test_metadata;
  return matchesGlob(name, value) || (namespace !== null && matchesGlob(`${namespace}.${name}`, value));
};
