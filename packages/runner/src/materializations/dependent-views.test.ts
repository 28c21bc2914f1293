import { inCreationOrder, type DependentView } from "./dependent-views";

const view = (key: string, reads: string[] = []): DependentView => ({ key, schema: "s", name: `v${key}`, reads, ddl: `create view v${key}` });

describe("inCreationOrder", () => {
  it("puts every view after the views it reads, keeping the given order otherwise", () => {
    // 4 reads 3 and 2; 3 reads 2; 1 reads nothing captured (e.g. only the swapped relation)
    const ordered = inCreationOrder([view("4", ["3", "2"]), view("1"), view("3", ["2"]), view("2")]);
    expect(ordered.map((v) => v.key)).toEqual(["2", "3", "4", "1"]);
  });

  it("ignores keys that were not captured", () => {
    expect(inCreationOrder([view("2", ["99"]), view("1")]).map((v) => v.key)).toEqual(["2", "1"]);
  });
});
