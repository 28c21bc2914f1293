import { hasCycle } from "./has-cycle";

/** parent_map → child_map, as the manifest assembles them. */
function childMapOf(parentMap: Record<string, string[]>): Record<string, string[]> {
  const childMap: Record<string, string[]> = {};
  for (const id of Object.keys(parentMap)) childMap[id] = [];
  for (const [id, parents] of Object.entries(parentMap)) for (const parent of parents) childMap[parent].push(id);
  return childMap;
}

const check = (parentMap: Record<string, string[]>): boolean => hasCycle(parentMap, childMapOf(parentMap));

describe("hasCycle", () => {
  it("is false for an empty project and for a chain", () => {
    expect(check({})).toBe(false);
    expect(check({ a: [], b: ["a"], c: ["b"] })).toBe(false);
  });

  it("is false for a diamond, where a node waits for two parents", () => {
    expect(check({ a: [], b: ["a"], c: ["a"], d: ["b", "c"], e: ["d", "a"] })).toBe(false);
  });

  it("is true for a loop of three nodes hanging off an acyclic part", () => {
    expect(check({ root: [], a: ["root", "c"], b: ["a"], c: ["b"], leaf: ["root"] })).toBe(true);
  });

  it("is true for a node depending on itself", () => {
    expect(check({ a: [], self: ["a", "self"] })).toBe(true);
  });

  it("is true when every node waits on another (no starting point)", () => {
    expect(check({ a: ["b"], b: ["a"] })).toBe(true);
  });

  it("is false when the child map lists a child the parent map does not know", () => {
    // a child outside parent_map is not counted among the nodes that must finish
    expect(hasCycle({ a: [] }, { a: ["ghost"] })).toBe(false);
  });

  it("is true when a node is still waiting after its only listed parent finished", () => {
    // b waits on two parents but child_map lets only one of them release it
    expect(hasCycle({ a: [], b: ["a", "c"], c: ["b"] }, { a: ["b"], b: ["c"], c: [] })).toBe(true);
  });
});
