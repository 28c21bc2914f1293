import { PyDecimal } from "@tsdbt/jinja";

/** The currency symbols agate's Number type strips from a cell's ends. */
const CURRENCY_SYMBOLS = ["؋", "$", "ƒ", "៛", "¥", "₡", "₱", "£", "€", "¢", "﷼", "₪", "₩", "₭", "₮", "₦", "฿", "₤", "₫"];

/** Python's `Decimal(text)`: digits with `_` between them, a point, an exponent, or NaN / Infinity, signed. */
const DECIMAL_TEXT = /^[+-]?(?:((?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?)(?:[eE][+-]?\d(?:_?\d)*)?|nan|inf|infinity)$/i;

const stripEnds = (text: string, symbol: string): string => {
  let start = 0;
  let end = text.length;
  while (text.startsWith(symbol, start) && start < end) start += symbol.length;
  while (end - symbol.length >= start && text.endsWith(symbol, end)) end -= symbol.length;
  return text.slice(start, end);
};

/**
 * A seed cell as agate's Number type reads it for dbt (en_US): blanks, `%` and the currency
 * symbols at its ends dropped, a leading `-` kept as the sign, `,` group separators removed, and
 * the rest read as Python's Decimal (`1,000` → 1000, `$10.50` → 10.50, `5%` → 5, `1e3`, `NaN`,
 * `-inf`). Null when the cell is no number. (The caller has already taken empty and `null` cells as null.)
 */
export function agateNumber(cell: string): PyDecimal | null {
  let text = stripEnds(cell.trim(), "%");
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  for (const symbol of CURRENCY_SYMBOLS) text = stripEnds(text, symbol);
  text = text.replace(/,/g, "").trim();
  const m = DECIMAL_TEXT.exec(text);
  // the digits before any exponent (none for NaN and Infinity)
  if (!m || (m[1] !== undefined && !/\d/.test(m[1]))) return null;
  const value = PyDecimal.parse(text.replace(/_/g, ""));
  if (value === null || !negative) return value;
  return value.isSpecial ? (value.special === "NaN" ? value : PyDecimal.specialValue("Infinity", !value.negative)) : PyDecimal.of(!value.negative, value.coefficient, value.exponent);
}

/** Decimal places of a finite value once trailing zeros are dropped (agate's MaxPrecision: `2.50` has 1, `1.0` and `1E+3` none). */
export function decimalPlaces(value: PyDecimal): number {
  if (value.isSpecial || value.coefficient === 0n) return 0;
  let coefficient = value.coefficient;
  let exponent = value.exponent;
  while (coefficient % 10n === 0n) {
    coefficient /= 10n;
    exponent += 1;
  }
  return Math.max(0, -exponent);
}

/**
 * The text a number cell loads as, as dbt's driver sends agate's Decimal: into an integer
 * column its whole value (`1,000` → `1000`, `1e3` → `1000`), into a float column Python's
 * `str()` of it (`$10.50` → `10.50`); NaN and ±Infinity as `NaN` (psycopg2 sends a non-finite
 * Decimal as NaN, which an integer column refuses, as under dbt).
 */
export function loadedNumberText(value: PyDecimal, integer: boolean): string {
  if (value.isSpecial) return "NaN";
  if (!integer) return value.text;
  const whole = value.exponent >= 0 ? value.coefficient * 10n ** BigInt(value.exponent) : value.coefficient / 10n ** BigInt(-value.exponent);
  return `${value.negative && whole !== 0n ? "-" : ""}${whole}`;
}
