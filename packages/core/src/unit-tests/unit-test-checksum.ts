import { createHash } from "node:crypto";
import { PyFloat, pyRepr } from "@tsdbt/jinja";
import type { FixtureFormat, UnitTestDefinition } from "./unit-test-definition";

/** How Python prints each fixture format (dbt's `UnitTestFormat` enum member). */
const FORMAT_REPR: Record<FixtureFormat, string> = {
  dict: "<UnitTestFormat.Dict: 'dict'>",
  csv: "<UnitTestFormat.CSV: 'csv'>",
  sql: "<UnitTestFormat.SQL: 'sql'>",
};

/** The parts of a unit test its checksum covers; values as Python sees them (floats as {@link PyFloat}). */
export type ChecksummedUnitTest = Pick<UnitTestDefinition, "model" | "given" | "expect" | "overrides">;

/**
 * A unit test's `checksum` as dbt-core writes it (what `state:modified` compares): the sha256
 * of its model name, versions, `given` inputs, `expect` and `overrides` printed as Python
 * prints dbt's fixture objects, then the rows of each input read from a fixture file. The
 * description is not part of it. Rows must already be normalised as the manifest holds them.
 */
export function unitTestChecksum(test: ChecksummedUnitTest): string {
  const given = test.given.map((g) => `UnitTestInputFixture(input=${pyRepr(g.input)}, rows=${pyRepr(g.rows)}, format=${FORMAT_REPR[g.format]}, fixture=${pyRepr(g.fixture)})`);
  const expect = `UnitTestOutputFixture(rows=${pyRepr(test.expect.rows)}, format=${FORMAT_REPR[test.expect.format]}, fixture=${pyRepr(test.expect.fixture)})`;
  const o = test.overrides;
  const overrides = o ? `UnitTestOverrides(macros=${pyRepr(o.macros ?? {})}, vars=${pyRepr(o.vars ?? {})}, env_vars=${pyRepr(o.env_vars ?? {})})` : "None";
  // versions: tsdbt records none (`versions:` include/exclude lists are not read)
  let data = `${test.model}-None-[${given.join(", ")}]-${expect}-${overrides}`;
  for (const g of test.given) if (g.fixture) data += `-${pyRepr(g.rows)}`;
  return createHash("sha256").update(data, "utf8").digest("hex");
}

/**
 * `plain` with each number that `typed` (the same YAML read with floats kept, e.g. by
 * `loadPyYamlKeepingFloats`) holds as a float replaced by that {@link PyFloat}, so `1.0` prints
 * as `1.0`. Where the two differ in shape (a value rendered since), `plain` is kept as it is.
 */
export function withFloatsOf(plain: unknown, typed: unknown): unknown {
  if (typeof plain === "number") return typed instanceof PyFloat && typed.value === plain ? typed : plain;
  if (Array.isArray(plain)) return Array.isArray(typed) && typed.length === plain.length ? plain.map((v, i) => withFloatsOf(v, typed[i])) : plain;
  if (plain && typeof plain === "object" && typed && typeof typed === "object" && !Array.isArray(typed)) {
    const t = typed as Record<string, unknown>;
    return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, withFloatsOf(v, t[k])]));
  }
  return plain;
}
