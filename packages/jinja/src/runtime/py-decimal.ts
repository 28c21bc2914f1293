/** The special values a Python Decimal can hold besides finite numbers. */
export type DecimalSpecial = "NaN" | "Infinity";

/**
 * Python's `decimal.Decimal`, as agate gives numbers (a seed's cells in `load_agate_table()`,
 * the Number columns of `run_query` results): an exact number kept as sign, integer coefficient
 * and exponent, so it prints as Python prints it (`1.50`, `1E+3`, repr `Decimal('1.50')`) and
 * computes as Python's default context does (see decimal-arithmetic.ts).
 */
export class PyDecimal {
  /** True for negative numbers (and -0). */
  readonly negative: boolean;
  /** The coefficient's digits as an integer (0 for NaN and Infinity). */
  readonly coefficient: bigint;
  /** The power of ten the coefficient is multiplied by. */
  readonly exponent: number;
  /** Set for NaN and (±) Infinity. */
  readonly special: DecimalSpecial | null;

  private constructor(negative: boolean, coefficient: bigint, exponent: number, special: DecimalSpecial | null) {
    this.negative = negative;
    this.coefficient = coefficient;
    this.exponent = exponent;
    this.special = special;
  }

  /** A finite Decimal from its parts: `of(false, 150n, -2)` is `1.50`. */
  static of(negative: boolean, coefficient: bigint, exponent: number): PyDecimal {
    // Stryker disable next-line EqualityOperator: -0n is 0n, so `<=` is the same
    return new PyDecimal(negative, coefficient < 0n ? -coefficient : coefficient, exponent, null);
  }

  /** NaN or (±) Infinity. */
  static specialValue(special: DecimalSpecial, negative = false): PyDecimal {
    // a NaN keeps its sign too (Python prints Decimal('-NaN') as -NaN)
    return new PyDecimal(negative, 0n, 0, special);
  }

  /**
   * The Decimal a number text reads as, as `Decimal(text)` does (`"005"` → 5, `"2.5e-1"` →
   * 0.25, `"NaN"`, `"-Infinity"`), or null when it is not one (`"1,000"`).
   */
  static parse(text: string): PyDecimal | null {
    const trimmed = text.trim();
    const special = /^([+-]?)(nan|inf|infinity)$/i.exec(trimmed);
    if (special) return PyDecimal.specialValue(special[2]!.toLowerCase() === "nan" ? "NaN" : "Infinity", special[1] === "-");
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(trimmed);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
    const [, sign, whole, fraction = "", exponent = "0"] = m;
    return PyDecimal.of(sign === "-", BigInt(`${whole}${fraction}`), Number(exponent) - fraction.length);
  }

  /** `Decimal(n)` of a Python int. */
  static fromInt(n: number | bigint): PyDecimal {
    const big = typeof n === "bigint" ? n : BigInt(Math.trunc(n));
    // a Python int has no negative zero (`-0` in a template is 0)
    return PyDecimal.of(big < 0n, big, 0);
  }

  /** agate's cast of a Python float to a Number: `Decimal(repr(f))` (2.5 → `2.5`, 3.0 → `3.0`, nan → `NaN`). */
  static fromFloatRepr(n: number): PyDecimal {
    // (JavaScript's text of NaN and of an infinity, "NaN", "Infinity", "-Infinity", parses as Python's)
    // Python's repr writes an exponent from 1e16 on (1e+17), JavaScript only from 1e21
    const repr = Math.abs(n) >= 1e16 ? n.toExponential() : Number.isInteger(n) ? `${n}.0` : String(n);
    return PyDecimal.parse(Object.is(n, -0) ? "-0.0" : repr)!;
  }

  /** The exact value of a float (what Python compares a Decimal with): 0.1 → 0.1000000000000000055511151231257827021181583404541015625. */
  static exactFloat(n: number): PyDecimal {
    if (!Number.isFinite(n)) return PyDecimal.fromFloatRepr(n);
    let mantissa = n;
    let twos = 0;
    while (!Number.isInteger(mantissa)) {
      mantissa *= 2;
      twos += 1;
    }
    // n = mantissa / 2^twos = mantissa * 5^twos / 10^twos
    return PyDecimal.of(n < 0 || Object.is(n, -0), BigInt(mantissa) * 5n ** BigInt(twos), -twos);
  }

  /** True for NaN and Infinity. */
  get isSpecial(): boolean {
    return this.special !== null;
  }

  /** True when the value is zero. */
  get isZero(): boolean {
    return this.special === null && this.coefficient === 0n;
  }

  /** Python's `str()` of the value (also what `{{ }}`, `~` and `| string` give). */
  get text(): string {
    const sign = this.negative ? "-" : "";
    if (this.special !== null) return `${sign}${this.special}`;
    return `${sign}${scientificString(this.coefficient.toString(), this.exponent)}`;
  }

  /** The nearest JavaScript number. */
  valueOf(): number {
    // (Number() reads "NaN", "Infinity" and "-Infinity" too)
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }
}

/** Python's to-sci-string of a coefficient's digits and exponent: plain unless the exponent is positive or the number is tiny. */
function scientificString(digits: string, exponent: number): string {
  const adjusted = exponent + digits.length - 1;
  if (exponent <= 0 && adjusted >= -6) {
    if (exponent === 0) return digits;
    const point = digits.length + exponent;
    return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  // Stryker disable next-line EqualityOperator: an adjusted exponent of 0 is written plain above, never here
  return `${mantissa}E${adjusted >= 0 ? "+" : "-"}${Math.abs(adjusted)}`;
}
