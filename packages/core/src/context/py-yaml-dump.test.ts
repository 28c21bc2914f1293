import * as fs from "node:fs";
import * as path from "node:path";
import { pyYamlDump } from "./py-yaml-dump";

/** PyYAML's own output for 300 seeded values (scripts/record-pyyaml-dump.mjs, run with the oracle's Python). */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "pyyaml-dump.json"), "utf8")) as {
  cases: { value: unknown; sortKeys: boolean; expected: string }[];
};

describe("toyaml writes what PyYAML's safe_dump writes", () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))("case %i", (_i, c) => {
    expect(pyYamlDump(c.value, c.sortKeys)).toBe(c.expected);
  });

  // expected text from PyYAML 6 (yaml.safe_dump(..., sort_keys=False))
  it("folds a long description at a space past column 80, continuing under its key", () => {
    const description = "Lifetime value of the customer, in dollars, summed over every order they placed since they signed up.";
    expect(pyYamlDump({ models: [{ name: "customers", description }] })).toBe(
      "models:\n- name: customers\n  description: Lifetime value of the customer, in dollars, summed over every order\n    they placed since they signed up.\n",
    );
  });
});
