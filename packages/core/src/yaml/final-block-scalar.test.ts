import { parseYaml } from "./parse-yaml";

// PyYAML 6's safe_load of each text stripped of its trailing blank space, as dbt reads YAML files
const CASES: [string, unknown][] = [
  ["a: |\n  x\n\n", { a: "x" }],
  ["a: |\n  x\nb: c\n", { a: "x\n", b: "c" }],
  ["a:\n  - |\n    x\n    y\n", { a: ["x\ny"] }],
  ["a: |-\n  x\n", { a: "x" }],
  ["a: >\n  x\n  y\n\n\n", { a: "x y" }],
  ["a: |\n  x\n  # not a comment\n", { a: "x\n# not a comment" }],
  ['a: "q"\n', { a: "q" }],
  ["models:\n  - name: b\n    description: |\n      first\n    columns:\n      - name: id\n        description: |\n          last one\n\n\n", { models: [{ name: "b", description: "first\n", columns: [{ name: "id", description: "last one" }] }] }],
];

describe("a block scalar that ends the file", () => {
  it.each(CASES)("%j reads as dbt reads it", (text, expected) => {
    expect(parseYaml(text, "f.yml").value).toEqual(expected);
  });
});
