import { fail } from "./signals";
import { pyEquals } from "./values";

/** The `loop` variable of a `{% for %}` body. */
export class LoopContext {
  index0 = 0;
  private lastChanged: unknown[] | undefined;
  constructor(private readonly items: unknown[], readonly depth0: number) {}
  get length(): number {
    return this.items.length;
  }
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.items.length - this.index0;
  }
  get revindex0(): number {
    return this.items.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.items.length - 1;
  }
  get depth(): number {
    return this.depth0 + 1;
  }
  /** Undefined on the first item (a list has nothing at -1). */
  get previtem(): unknown {
    return this.items[this.index0 - 1];
  }
  /** Undefined on the last item. */
  get nextitem(): unknown {
    return this.items[this.index0 + 1];
  }
  /** Returns the argument at the current index modulo their count. */
  cycle(...args: unknown[]): unknown {
    if (args.length === 0) fail("no items for cycling given");
    return args[this.index0 % args.length];
  }
  /** True when the arguments differ from the previous call's. */
  changed(...args: unknown[]): boolean {
    // (the first call compares with undefined: not equal to any argument list)
    const same = pyEquals(this.lastChanged, args);
    this.lastChanged = args;
    return !same;
  }
}
