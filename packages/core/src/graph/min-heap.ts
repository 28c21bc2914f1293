/**
 * A binary min-heap of strings ordered by plain code-unit comparison, used to break ties
 * by unique id in O(log n) per operation.
 */
export class StringMinHeap {
  private readonly items: string[] = [];

  /** Number of queued strings. */
  get size(): number {
    return this.items.length;
  }

  /** Adds a string. */
  push(value: string): void {
    const items = this.items;
    items.push(value);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent] <= items[index]) break;
      [items[parent], items[index]] = [items[index], items[parent]];
      index = parent;
    }
  }

  /** Removes and returns the smallest string, or undefined when empty. */
  pop(): string | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as string;
    if (items.length > 0) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && items[left] < items[smallest]) smallest = left;
        if (right < items.length && items[right] < items[smallest]) smallest = right;
        if (smallest === index) break;
        [items[smallest], items[index]] = [items[index], items[smallest]];
        index = smallest;
      }
    }
    return top;
  }
}
