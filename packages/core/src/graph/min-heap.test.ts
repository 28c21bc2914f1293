import { StringMinHeap } from "./min-heap";

const drain = (heap: StringMinHeap): string[] => {
  const out: string[] = [];
  for (let value = heap.pop(); value !== undefined; value = heap.pop()) out.push(value);
  return out;
};

describe("StringMinHeap", () => {
  it("is empty at first: size 0, pop gives undefined", () => {
    const heap = new StringMinHeap();
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it("counts what it holds", () => {
    const heap = new StringMinHeap();
    heap.push("b");
    heap.push("a");
    expect(heap.size).toBe(2);
    heap.pop();
    expect(heap.size).toBe(1);
  });

  it("gives strings back smallest first whatever the order they came in", () => {
    const expected = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    const orders = [
      ["l", "k", "j", "i", "h", "g", "f", "e", "d", "c", "b", "a"],
      ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"],
      ["g", "a", "l", "b", "k", "c", "j", "d", "i", "e", "h", "f"],
      ["f", "h", "e", "i", "d", "j", "c", "k", "b", "l", "a", "g"],
      ["c", "a", "b", "f", "d", "e", "i", "g", "h", "l", "j", "k"],
    ];
    for (const order of orders) {
      const heap = new StringMinHeap();
      for (const value of order) heap.push(value);
      expect(drain(heap)).toEqual(expected);
    }
  });

  it("keeps duplicates and compares by code unit (upper case before lower case)", () => {
    const heap = new StringMinHeap();
    for (const value of ["b", "a", "B", "b", "a", "A"]) heap.push(value);
    expect(drain(heap)).toEqual(["A", "B", "a", "a", "b", "b"]);
  });

  it("stays ordered when pushes and pops alternate", () => {
    const heap = new StringMinHeap();
    const out: (string | undefined)[] = [];
    for (const value of ["m", "c", "x"]) heap.push(value);
    out.push(heap.pop());
    for (const value of ["a", "z", "d"]) heap.push(value);
    out.push(heap.pop(), heap.pop());
    heap.push("b");
    out.push(...drain(heap));
    expect(out).toEqual(["c", "a", "d", "b", "m", "x", "z"]);
  });
});
