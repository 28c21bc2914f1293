import { PyDecimal } from "./py-decimal";
import { fail } from "./signals";
import { PyFloat, typeName } from "./values";

/** The Decimal an int (or bool) operand stands for in decimal arithmetic; null for any other value. */
function asDecimal(v: unknown): PyDecimal | null {
  if (v instanceof PyDecimal) return v;
  if (typeof v === "boolean") return PyDecimal.fromInt(v ? 1 : 0);
  if (typeof v === "number" && Number.isInteger(v)) return PyDecimal.fromInt(v);
  if (typeof v === "bigint") return PyDecimal.fromInt(v);
  return null;
}

/**
 * Both operands as Decimals when one of them is a Decimal and the other an int, bool or Decimal;
 * a Python TypeError when the other is a float or anything else (`unsupported operand type(s) for
 * +: 'decimal.Decimal' and 'float'`); null when neither is a Decimal.
 */
export function decimalOperands(op: string, a: unknown, b: unknown): [PyDecimal, PyDecimal] | null {
  if (!(a instanceof PyDecimal) && !(b instanceof PyDecimal)) return null;
  const x = asDecimal(a);
  const y = asDecimal(b);
  if (x === null || y === null) return fail(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  return [x, y];
}

/**
 * Both values as Decimals for a comparison, when one is a Decimal and the other a number: Python
 * compares a Decimal with a float exactly (`Decimal('0.1') == 0.1` is False). Null otherwise.
 */
export function decimalComparands(a: unknown, b: unknown): [PyDecimal, PyDecimal] | null {
  if (!(a instanceof PyDecimal) && !(b instanceof PyDecimal)) return null;
  const as = (v: unknown): PyDecimal | null => asDecimal(v) ?? (v instanceof PyFloat ? PyDecimal.exactFloat(v.value) : typeof v === "number" ? PyDecimal.exactFloat(v) : null);
  const x = as(a);
  const y = as(b);
  return x === null || y === null ? null : [x, y];
}
