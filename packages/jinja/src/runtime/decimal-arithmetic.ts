import { PyDecimal } from "./py-decimal";
import { fail } from "./signals";

/**
 * Python's `decimal` arithmetic in its default context (28 significant digits, ties to even), as
 * templates compute with agate's Decimals: `Decimal('1.50') * 2` is `3.00`, `Decimal('7') / 3`
 * is `2.333333333333333333333333333`, `//` truncates towards zero and `%` keeps the dividend's sign.
 */
const PRECISION = 28;
/** The smallest exponent of the default context: Emin (-999999) - precision + 1. */
const ETINY = -999_999 - PRECISION + 1;

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);
/** The number of digits of an integer, its sign left out: `0n` has one. */
const digitCount = (c: bigint): number => c.toString().replace("-", "").length;
const signed = (d: PyDecimal): bigint => (d.negative ? -d.coefficient : d.coefficient);

/** Python's error text for a failed decimal operation (`[<class 'decimal.DivisionByZero'>]`). */
function signal(condition: string): never {
  return fail(`[<class 'decimal.${condition}'>]`);
}

/** Rounds a result to the context's precision, ties to even (Python's `_fix`). */
export function fixed(negative: boolean, coefficient: bigint, exponent: number): PyDecimal {
  // Stryker disable next-line EqualityOperator: -0n is 0n, so `<=` is the same
  let c = coefficient < 0n ? -coefficient : coefficient;
  let e = exponent;
  const extra = digitCount(c) - PRECISION;
  // Stryker disable next-line EqualityOperator: with no extra digit, rounding away none changes nothing
  if (extra > 0) {
    c = roundHalfEven(c, extra);
    e += extra;
    if (digitCount(c) > PRECISION) {
      c /= TEN;
      e += 1;
    }
  }
  return PyDecimal.of(negative, c, e);
}

/** `c` with its last `drop` digits removed, rounding half to even. */
function roundHalfEven(c: bigint, drop: number): bigint {
  const unit = pow10(drop);
  const q = c / unit;
  const r = c % unit;
  const twice = r * 2n;
  return twice > unit || (twice === unit && q % 2n === 1n) ? q + 1n : q;
}

/** Both operands at the smaller exponent, as signed integers. */
function aligned(a: PyDecimal, b: PyDecimal): [bigint, bigint, number] {
  const e = Math.min(a.exponent, b.exponent);
  return [signed(a) * pow10(a.exponent - e), signed(b) * pow10(b.exponent - e), e];
}

function nan(...xs: PyDecimal[]): PyDecimal | null {
  return xs.some((x) => x.special === "NaN") ? PyDecimal.specialValue("NaN") : null;
}

/** `a + b`. */
export function decimalAdd(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  if (a.isSpecial || b.isSpecial) {
    if (a.isSpecial && b.isSpecial && a.negative !== b.negative) return signal("InvalidOperation");
    return a.isSpecial ? a : b;
  }
  const [x, y, e] = aligned(a, b);
  const sum = x + y;
  // an exact zero sum is positive unless both operands are negative
  // (two negative operands have a sum below zero, or a zero that stays negative)
  return fixed(sum < 0n || (a.negative && b.negative), sum, e);
}

/** `a - b`. */
export function decimalSub(a: PyDecimal, b: PyDecimal): PyDecimal {
  return decimalAdd(a, decimalNegate(b, true));
}

/** `a * b`. */
export function decimalMul(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  const negative = a.negative !== b.negative;
  if (a.isSpecial || b.isSpecial) {
    if (a.isZero || b.isZero) return signal("InvalidOperation");
    return PyDecimal.specialValue("Infinity", negative);
  }
  return fixed(negative, a.coefficient * b.coefficient, a.exponent + b.exponent);
}

/** `a / b`: exact when it can be (at the ideal exponent, `10.00 / 2` is `5.00`), else 28 significant digits. */
export function decimalDiv(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  const negative = a.negative !== b.negative;
  if (a.isSpecial) return b.isSpecial ? signal("InvalidOperation") : PyDecimal.specialValue("Infinity", negative);
  // a finite number over Infinity is a zero at the default context's smallest exponent (Etiny)
  if (b.isSpecial) return PyDecimal.of(negative, 0n, ETINY);
  if (b.isZero) return signal(a.isZero ? "DivisionUndefined" : "DivisionByZero");
  const ideal = a.exponent - b.exponent;
  // (a zero dividend needs no shortcut: the exact quotient 0 loses its zeros down to the ideal exponent)
  // Stryker disable next-line ArithmeticOperator: more digits than needed round to the same quotient
  const shift = digitCount(b.coefficient) - digitCount(a.coefficient) + PRECISION + 1;
  let exponent = ideal - shift;
  const dividend = a.coefficient * pow10(Math.max(shift, 0));
  const divisor = b.coefficient * pow10(Math.max(-shift, 0));
  let q = dividend / divisor;
  if (dividend % divisor !== 0n) {
    // a digit past the exact ones, so that rounding sees the remainder
    if (q % 5n === 0n) q += 1n;
  } else {
    while (exponent < ideal && q % TEN === 0n) {
      q /= TEN;
      exponent += 1;
    }
  }
  return fixed(negative, q, exponent);
}

/** `a // b`: the quotient truncated towards zero. */
export function decimalFloorDiv(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  if (a.isSpecial || b.isSpecial) return a.isSpecial && !b.isSpecial ? PyDecimal.specialValue("Infinity", a.negative !== b.negative) : b.isSpecial && !a.isSpecial ? PyDecimal.of(a.negative !== b.negative, 0n, 0) : signal("InvalidOperation");
  if (b.isZero) return signal(a.isZero ? "DivisionUndefined" : "DivisionByZero");
  const [x, y] = aligned(a, b);
  const q = x / y;
  // an integer part longer than the precision cannot be held
  if (digitCount(q) > PRECISION) return signal("DivisionImpossible");
  return PyDecimal.of(a.negative !== b.negative, q, 0);
}

/** `a % b`: the remainder of the truncated division, with the dividend's sign. */
export function decimalMod(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  if (a.isSpecial) return signal("InvalidOperation");
  if (b.isSpecial) return a;
  if (b.isZero) return signal(a.isZero ? "DivisionUndefined" : "InvalidOperation");
  const [x, y, e] = aligned(a, b);
  const q = x / y;
  if (digitCount(q) > PRECISION) return signal("DivisionImpossible");
  return fixed(a.negative, x % y, e);
}

/** `a ** b` for a whole exponent (any other goes through floats). */
export function decimalPow(a: PyDecimal, b: PyDecimal): PyDecimal {
  const n = nan(a, b);
  if (n) return n;
  const power = b.valueOf();
  // Infinity to a whole power: 1, an infinity, or a zero (the sign of an odd power kept)
  if (a.isSpecial && Number.isInteger(power)) {
    if (power === 0) return PyDecimal.fromInt(1);
    const odd = a.negative && Math.abs(power) % 2 === 1;
    return power > 0 ? PyDecimal.specialValue("Infinity", odd) : PyDecimal.of(odd, 0n, 0);
  }
  if (a.isSpecial || !Number.isInteger(power) || Math.abs(power) > 10_000) return PyDecimal.fromFloatRepr(a.valueOf() ** power);
  const negative = a.negative && Math.abs(power) % 2 === 1;
  // a zero base: 0 ** 0 is undefined, a positive power 0, a negative one Infinity
  // Stryker disable next-line EqualityOperator: the power is not 0 where it is compared with 0 the second time
  if (a.isZero) return power === 0 ? signal("InvalidOperation") : power > 0 ? PyDecimal.of(negative, 0n, 0) : PyDecimal.specialValue("Infinity", negative);
  const exact = PyDecimal.of(negative, a.coefficient ** BigInt(Math.abs(power)), a.exponent * Math.abs(power));
  // a negative power divides by the exact power, so that the quotient is rounded once
  // Stryker disable next-line EqualityOperator: 1 / a ** 0 is 1 too, so `<=` is the same
  return power < 0 ? decimalDiv(PyDecimal.fromInt(1), exact) : fixed(negative, exact.coefficient, exact.exponent);
}

/** `-a`; with `keepSign` a zero keeps its flipped sign (how subtraction negates its right operand). */
export function decimalNegate(a: PyDecimal, keepSign = false): PyDecimal {
  if (a.special === "NaN") return a;
  if (a.isSpecial) return PyDecimal.specialValue("Infinity", !a.negative);
  // Python's -Decimal('0.0') is Decimal('0.0'): a zero result is positive
  if (a.isZero && !keepSign) return PyDecimal.of(false, 0n, a.exponent);
  // subtraction negates its operand exactly: only the difference is rounded
  return keepSign ? PyDecimal.of(!a.negative, a.coefficient, a.exponent) : fixed(!a.negative, a.coefficient, a.exponent);
}

/** `abs(a)`. */
export function decimalAbs(a: PyDecimal): PyDecimal {
  if (a.isSpecial) return a.special === "NaN" ? a : PyDecimal.specialValue("Infinity");
  return fixed(false, a.coefficient, a.exponent);
}

/** `round(a, places)`: quantized to `places` decimals, ties to even (Jinja's `| round` on a Decimal). */
export function decimalRound(a: PyDecimal, places: number): PyDecimal {
  // NaN stays NaN; Infinity cannot be quantized
  if (a.isSpecial) return a.special === "NaN" ? a : signal("InvalidOperation");
  const exponent = -places;
  // Stryker disable next-line EqualityOperator: at equal exponents both sides give the coefficient itself
  const coefficient = a.exponent >= exponent ? a.coefficient * pow10(a.exponent - exponent) : roundHalfEven(a.coefficient, exponent - a.exponent);
  // Python's quantize refuses a result longer than the precision
  if (digitCount(coefficient) > PRECISION) return signal("InvalidOperation");
  return PyDecimal.of(a.negative, coefficient, exponent);
}

/** `int(a)`: the integer part, truncated towards zero. */
export function decimalTrunc(a: PyDecimal): bigint {
  if (a.special === "NaN") return fail("cannot convert NaN to integer");
  if (a.isSpecial) return fail("cannot convert Infinity to integer");
  const magnitude = (a.coefficient * pow10(Math.max(a.exponent, 0))) / pow10(Math.max(-a.exponent, 0));
  return a.negative ? -magnitude : magnitude;
}

/** -1, 0 or 1 comparing exact values; NaN when either is NaN. */
export function decimalCompare(a: PyDecimal, b: PyDecimal): number {
  if (a.special === "NaN" || b.special === "NaN") return Number.NaN;
  const rank = (d: PyDecimal) => (d.isSpecial ? (d.negative ? -1 : 1) : 0);
  if (rank(a) !== 0 || rank(b) !== 0) return Math.sign(rank(a) - rank(b));
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}
