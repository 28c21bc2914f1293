import { parseCliValues } from "./cli-selection";
import { defaultMethodFor, parseCriterion } from "./parse-criterion";

describe("parseCriterion", () => {
  it("reads the method, its arguments, the value and every operator", () => {
    expect(parseCriterion("2+config.materialized:table+3")).toEqual({
      raw: "2+config.materialized:table+3",
      method: "config",
      methodArgs: ["materialized"],
      value: "table",
      parents: true,
      parentsDepth: 2,
      children: true,
      childrenDepth: 3,
      childrensParents: false,
    });
    expect(parseCriterion("@state:modified.body")).toMatchObject({ method: "state", value: "modified.body", childrensParents: true, parents: false });
    expect(parseCriterion("+orders")).toMatchObject({ method: "fqn", parents: true, parentsDepth: undefined, children: false });
  });

  it("infers path, file or fqn when no method is named", () => {
    expect(defaultMethodFor("models/staging")).toBe("path");
    expect(defaultMethodFor("models\\staging")).toBe("path");
    expect(defaultMethodFor("orders.sql")).toBe("file");
    expect(defaultMethodFor("shop.marts.orders")).toBe("fqn");
  });

  it("rejects arguments on methods that take none", () => {
    expect(() => parseCriterion("tag.x:nightly")).toThrow(/only 'config' takes them/);
  });
});

describe("parseCliValues", () => {
  it("reads spaces as union and commas as intersection", () => {
    const spec = parseCliValues(["a  b,c", "d"]);
    expect(spec).toMatchObject({
      kind: "union",
      parts: [{ kind: "criterion" }, { kind: "intersection", parts: [{ kind: "criterion" }, { kind: "criterion" }] }, { kind: "criterion" }],
    });
  });

  it("returns undefined when there is no spec", () => {
    expect(parseCliValues(["  ", ""])).toBeUndefined();
  });
});
