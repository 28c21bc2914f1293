/**
 * Python's `decimal.Decimal`, as agate gives numbers (a seed's cells in `load_agate_table()`): an
 * exact number that prints as Python prints it (`1.50`, `1E+3`, repr `Decimal('1.50')`). In
 * arithmetic and comparisons it takes part as the nearest JavaScript number.
 */
export class PyDecimal {
  /** Python's `str()` of the value. */
  readonly text: string;

  private constructor(text: string) {
    this.text = text;
  }

  /** The Decimal a number text reads as (`"005"` → 5, `"2.5e-1"` → 0.25), or null when it is not one. */
  static parse(text: string): PyDecimal | null {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
    const [, sign, whole, fraction = "", exponent = "0"] = m;
    const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, "");
    return new PyDecimal(`${sign === "-" ? "-" : ""}${scientificString(digits, Number(exponent) - fraction.length)}`);
  }

  valueOf(): number {
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
  return `${mantissa}E${adjusted >= 0 ? "+" : "-"}${Math.abs(adjusted)}`;
}
