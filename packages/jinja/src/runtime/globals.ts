import { hostFunction } from "../host-function";
import { MacroReturn, fail } from "./signals";
import { iterate } from "./iterate";
import { PyDecimal } from "./py-decimal";
import { isDict, isFloat, numberOf, pyRepr, pyStr, PY_REPR, PyRange, typeName } from "./values";

/** Jinja2's `namespace()`: an object whose attributes `{% set ns.x = … %}` may assign. */
export class Namespace {
  constructor(values: Record<string, unknown>) {
    Object.assign(this, values);
  }

  /** Printed as Jinja2 prints one: `<Namespace {'a': 1}>`. */
  [PY_REPR](): string {
    return `<Namespace ${pyRepr({ ...this })}>`;
  }
}

/** Jinja2's `cycler(a, b, …)`: `next()` gives the items in turn, `current` the one `next()` gives next. */
class Cycler {
  private pos = 0;
  readonly next = hostFunction(() => {
    const v = this.items[this.pos];
    this.pos = (this.pos + 1) % this.items.length;
    return v;
  });
  readonly reset = hostFunction(() => {
    this.pos = 0;
    return null;
  });

  constructor(private readonly items: unknown[]) {
    if (items.length === 0) fail("at least one item has to be provided");
  }

  get current(): unknown {
    return this.items[this.pos];
  }
}

/** Python's range: a list that prints as `range(0, 3)`. */
function range(args: unknown[]): PyRange {
  if (args.length < 1) fail("range expected at least 1 argument, got 0");
  if (args.length > 3) fail(`range expected at most 3 arguments, got ${args.length}`);
  // Python's ints (and bools) only: a float, even a whole one, is refused
  const nums = args.map((a) => (isFloat(a) || a instanceof PyDecimal ? undefined : numberOf(a)) ?? fail(`'${typeName(a)}' object cannot be interpreted as an integer`));
  const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) fail("range() arg 3 must not be zero");
  const out = PyRange.create(start, stop, step);
  // Stryker disable next-line EqualityOperator: the step is not 0 here, so `>=` is the same
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 1_000_000) fail("range() is too big");
  }
  return out;
}

/** `dict(mapping)` or `dict(iterable of pairs)`. */
function toDict(v: unknown): Record<string, unknown> {
  if (isDict(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [index, pair] of iterate(v).entries()) {
    const kv = iterate(pair);
    if (kv.length !== 2) fail(`dictionary update sequence element #${index} has length ${kv.length}; 2 is required`);
    out[pyStr(kv[0])] = kv[1];
  }
  return out;
}

const LOREM = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".split(" ");

/** The globals Jinja2 provides (plus `return`, which dbt adds and every macro relies on). */
export function builtinGlobals(): Record<string, unknown> {
  return {
    // Python values, so that a whole float (3.0) is still a float and refused
    range: hostFunction((a) => range(a), { pythonValues: true }),
    dict: hostFunction((a, k) => Object.assign({}, ...a.map(toDict), k)),
    namespace: hostFunction((a, k) => new Namespace(Object.assign({}, ...(a as object[]), k))),
    joiner: hostFunction((a) => {
      let used = false;
      const sep = a.length > 0 ? pyStr(a[0]) : ", ";
      return hostFunction(() => {
        if (used) return sep;
        used = true;
        return "";
      });
    }),
    cycler: hostFunction((items) => new Cycler(items)),
    lipsum: hostFunction((_a, k) => {
      const n = numberOf(k.n) ?? 5;
      const paras: string[] = [];
      for (let i = 0; i < n; i++) paras.push(LOREM.join(" ") + ".");
      return paras.join("\n\n");
    }),
    // the value as the template holds it: a whole float stays a float (`return(72.0)` prints 72.0)
    return: hostFunction(
      (a) => {
        throw new MacroReturn(a[0]);
      },
      { pythonValues: true },
    ),
  };
}
