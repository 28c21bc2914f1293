import { fail } from "./signals";
import { PyDecimal } from "./py-decimal";
import { formatFloat, isDict, isFloat, numberOf, PyFloat, pyRepr, pyStr, pyToFixed, typeName } from "./values";

/**
 * `x` (positive or zero, finite) rounded to `p` significant digits on its exact binary value, ties
 * to even, as Python rounds: the digits and the exponent of the first one (0 for zero).
 */
function significantDigits(x: number, p: number): [string, number] {
  const [m, ex] = x.toExponential(99).split("e");
  // a double's exact value has no other digit than 0 past its 100th that could change the rounding
  const all = m.replace(".", "").padEnd(p + 1, "0");
  let head = all.slice(0, p);
  let e = Number(ex);
  const rest = all.slice(p);
  if (rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(head[p - 1]) % 2 === 1))) {
    const bumped = (BigInt(head) + 1n).toString();
    // (head has no leading zero, so bumping it never shortens it)
    if (bumped.length > p) {
      head = bumped.slice(0, p);
      e += 1;
    } else head = bumped;
  }
  return [head, e];
}

/** An exponent as Python writes it: its sign and at least two digits (`e+05`, `e-310`). */
function exponent(e: number): string {
  return `e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** Python's `%e` (`{:e}`): one digit before the point, `precision` after it; `alternate` (`#`) keeps the point when there are none. */
function formatExponent(x: number, precision: number, alternate: boolean): string {
  if (!Number.isFinite(x)) return formatFloat(x);
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [head, e] = significantDigits(Math.abs(x), precision + 1);
  return `${sign}${head[0]}${precision > 0 || alternate ? "." : ""}${head.slice(1)}${exponent(e)}`;
}

/** Python's `%f` (`{:f}`): `precision` decimals; `alternate` (`#`) keeps the point when there are none. */
function formatFixed(x: number, precision: number, alternate: boolean): string {
  return pyToFixed(x, precision) + (alternate && precision === 0 && Number.isFinite(x) ? "." : "");
}

/**
 * Python's general format (`%g`, `{:g}`): `precision` significant digits (6 by default), fixed
 * notation when the exponent is from -4 to below the precision, else an exponent of at least two
 * digits; trailing zeros (and a bare point) dropped unless `alternate` (the `#` flag).
 */
function formatGeneral(x: number, precision: number | undefined, upper: boolean, alternate: boolean, noType: boolean): string {
  const p = precision === undefined ? 6 : Math.max(1, precision);
  let text: string;
  if (!Number.isFinite(x)) text = formatFloat(x);
  else {
    const [head, e] = significantDigits(Math.abs(x), p);
    // (both forms below have a point)
    const trim = (t: string) => (alternate ? t : t.replace(/0+$/, "").replace(/\.$/, ""));
    const sign = x < 0 || Object.is(x, -0) ? "-" : "";
    // with no type (`{:.3}`) the exponent comes one digit earlier, and a fixed result keeps a decimal
    if (e >= -4 && e < (noType ? p - 1 : p)) {
      text = sign + trim(e >= 0 ? `${head.slice(0, e + 1)}.${head.slice(e + 1)}` : `0.${"0".repeat(-e - 1)}${head}`);
      if (noType && !text.includes(".")) text += ".0";
    }
    else text = `${sign}${trim(`${head[0]}.${head.slice(1)}`)}${exponent(e)}`;
  }
  return upper ? text.toUpperCase() : text;
}

/** A printf spec after `%` and its key: flags, width (`*`: an argument), precision (`.*` too) and a length modifier Python ignores. */
const PRINTF_SPEC = /([-+ 0#]*)(\*|\d*)(?:\.(\*|\d*))?[hlL]?/y;

/** Python's `'%s-%d' % (a, b)` formatting (also the `format` filter). */
export function printfFormat(template: string, args: unknown[]): string {
  const mapping = args.length === 1 && isDict(args[0]) ? args[0] : undefined;
  // the arguments conversions take from: a `%(name)` conversion takes its value alone, and leaves no
  // argument for a conversion without a key after it (the mapping was the only one)
  let pool = args;
  let next = 0;
  const take = (): unknown => (next < pool.length ? pool[next++] : fail("not enough arguments for format string"));
  let out = "";
  let i = 0;
  for (let at = template.indexOf("%"); at >= 0; at = template.indexOf("%", i)) {
    out += template.slice(i, at);
    if (template[at + 1] === "%") {
      out += "%";
      i = at + 2;
      continue;
    }
    let j = at + 1;
    if (template[j] === "(") {
      const close = closingParen(template, j);
      const name = template.slice(j + 1, close);
      if (!mapping) fail("format requires a mapping");
      if (!Object.prototype.hasOwnProperty.call(mapping, name)) fail(`KeyError: '${name}'`);
      pool = [mapping[name]];
      next = 0;
      j = close + 1;
    }
    PRINTF_SPEC.lastIndex = j;
    const [spec, flags, width, precision] = PRINTF_SPEC.exec(template)!;
    let size = width === "*" ? wholeNumber(take()) : Number(width);
    // Stryker disable next-line EqualityOperator: a width of 0 pads nothing on either side
    const leftAlign = flags.includes("-") || size < 0;
    size = Math.abs(size);
    const digits = precision === "*" ? Math.max(0, wholeNumber(take())) : precision === undefined ? undefined : Number(precision);
    const k = j + spec.length;
    if (k >= template.length) fail("incomplete format");
    const conv = String.fromCodePoint(template.codePointAt(k)!);
    out += padPrintf(printfConversion(conv, take(), flags, digits, k), conv, flags, size, leftAlign);
    i = k + conv.length;
  }
  out += template.slice(i);
  // Python leaves one unused argument alone only when it is a mapping or sequence (`'x' % {}`, `'x' % []`)
  const unusedContainer = args.length === 1 && typeof args[0] === "object" && args[0] !== null && !(args[0] instanceof PyFloat);
  if (!mapping && next < args.length && !unusedContainer) {
    fail("not all arguments converted during string formatting");
  }
  return out;
}

/** The index of the `)` that closes the `(` at `open` (nested pairs inside, as Python allows). */
function closingParen(template: string, open: number): number {
  let depth = 0;
  // Stryker disable next-line EqualityOperator: one past the end reads undefined, neither parenthesis
  for (let j = open; j < template.length; j++) {
    if (template[j] === "(") depth++;
    else if (template[j] === ")" && --depth === 0) return j;
  }
  return fail("incomplete format key");
}

/** A `*` width or precision: an int (a bool is one), else Python's TypeError. */
function wholeNumber(v: unknown): number {
  return typeof v === "boolean" || Number.isInteger(v) ? Number(v) : fail("* wants int");
}

/** The conversions whose result is a number (signed by `+` and ` `, zero-padded by `0`). */
const NUMERIC_CONVERSIONS = "diuxXoeEfFgG";

/** One printf conversion's text before its width is applied; `at` is the conversion character's index, for Python's error. */
function printfConversion(conv: string, value: unknown, flags: string, precision: number | undefined, at: number): string {
  const n = numberOf(value);
  const alternate = flags.includes("#");
  let text: string;
  switch (conv) {
    case "s":
      text = pyStr(value);
      break;
    case "r":
      text = pyRepr(value);
      break;
    case "a":
      text = asciiOnly(pyRepr(value));
      break;
    case "d":
    case "i":
    case "u":
      if (n === undefined) fail(`%${conv} format: a real number is required, not ${typeName(value)}`);
      if (!Number.isFinite(n)) fail(Number.isNaN(n) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
      text = String(Math.trunc(n));
      break;
    case "f":
    case "F":
      text = formatFixed(real(n, value), precision ?? 6, alternate);
      break;
    case "e":
    case "E":
      text = formatExponent(real(n, value), precision ?? 6, alternate);
      break;
    case "g":
    case "G":
      text = formatGeneral(real(n, value), precision, false, alternate, false);
      break;
    case "x":
    case "X":
      text = Math.trunc(integer(conv, n, value)).toString(16);
      break;
    case "o":
      text = Math.trunc(integer(conv, n, value)).toString(8);
      break;
    case "c":
      return printfChar(value);
    default:
      // Python shows only printable ASCII there
      return fail(`unsupported format character '${conv >= "\x1f" && conv <= "~" ? conv : "?"}' (0x${conv.codePointAt(0)!.toString(16)}) at index ${at}`);
  }
  if (conv === "X" || conv === "E" || conv === "F" || conv === "G") text = text.toUpperCase();
  if (!NUMERIC_CONVERSIONS.includes(conv)) return codePointSlice(text, precision);
  // for an integer conversion the precision is the least number of digits
  if (precision !== undefined && INTEGER_CONVERSIONS.includes(conv)) text = afterSign(text, (digits) => digits.padStart(precision, "0"));
  // `#`: the base's prefix after the sign (0x, 0X, 0o)
  if (alternate && (conv === "x" || conv === "X" || conv === "o")) text = afterSign(text, (digits) => `0${conv}${digits}`);
  if (!text.startsWith("-") && flags.includes("+")) return "+" + text;
  if (!text.startsWith("-") && flags.includes(" ")) return " " + text;
  return text;
}

/** `text` with what follows its `-` sign (all of it when it has none) changed by `change`. */
function afterSign(text: string, change: (unsigned: string) => string): string {
  const sign = text.startsWith("-") ? "-" : "";
  return sign + change(text.slice(sign.length));
}

/** A printf conversion's text widened to `size`: left-aligned (`-`), zero-padded after its sign and prefix (`0`, numbers only), or right-aligned. */
function padPrintf(text: string, conv: string, flags: string, size: number, leftAlign: boolean): string {
  if (leftAlign) return pad(text, size, "<", " ");
  // Stryker disable next-line StringLiteral: right alignment is also pad()'s fallback
  if (!NUMERIC_CONVERSIONS.includes(conv) || !flags.includes("0")) return pad(text, size, ">", " ");
  return pad(text, size, "=", "0");
}

/** `%c`: one character, given as itself or as its code point. */
function printfChar(value: unknown): string {
  if (typeof value === "string" && [...value].length === 1) return value;
  // (a str of another length has no number either)
  const n = isFloat(value) ? undefined : numberOf(value);
  if (n === undefined) return fail("%c requires int or char");
  if (n < 0 || n > 0x10ffff) return fail("%c arg not in range(0x110000)");
  return String.fromCodePoint(n);
}

/** The number a float conversion (`%f`, `%e`, `%g`) formats; Python's TypeError for anything else. */
function real(n: number | undefined, value: unknown): number {
  return n ?? fail(`must be real number, not ${typeName(value)}`);
}

/** The number an integer conversion (`%x`, `%o`) formats; Python's TypeError for anything else. */
function integer(conv: string, n: number | undefined, value: unknown): number {
  return n === undefined || isFloat(value) || value instanceof PyDecimal ? fail(`%${conv} format: an integer is required, not ${typeName(value)}`) : n;
}

/** The conversions whose precision is a least number of digits. */
const INTEGER_CONVERSIONS = "diuxXo";

/** The first `count` characters of `text` (all of it for `undefined`), counted as Python does: by code point. */
function codePointSlice(text: string, count: number | undefined): string {
  return [...text].slice(0, count).join("");
}

/** `text` widened to `width` characters (code points, as Python counts) with `fill`, aligned left, right, centred or (`=`) after its sign and base prefix. */
function pad(text: string, width: number, align: string, fill: string): string {
  const room = Math.max(0, width - [...text].length);
  if (align === "<") return text + fill.repeat(room);
  if (align === "^") return fill.repeat(Math.floor(room / 2)) + text + fill.repeat(Math.ceil(room / 2));
  if (align === "=") {
    const head = /[-+ ]?(?:0[xXob])?/.exec(text)![0];
    return head + fill.repeat(room) + text.slice(head.length);
  }
  return fill.repeat(room) + text;
}

/** One replacement field of `str.format`, as Python reads it. */
interface FormatField {
  /** The argument's name or index with its `.attr` and `[key]` steps. */
  name: string;
  /** `r`, `s`, `a` (or another character, refused) after `!`. */
  conversion?: string;
  /** After `:`, nested fields not yet replaced. */
  spec?: string;
  /** The index after the field's closing `}`. */
  end: number;
}

/** Reads the field that starts after the `{` at `start - 1`, with Python's errors for a malformed one. */
function readField(text: string, start: number): FormatField {
  // the name ends at `}`, `:` or `!`; a `[key]` may hold any of them
  let j = start;
  let stop = "";
  // Stryker disable next-line EqualityOperator: one past the end reads undefined, no delimiter
  while (j < text.length && stop === "") {
    const c = text[j++];
    if (c === "{") fail("unexpected '{' in field name");
    if (c === "[") j = text.includes("]", j) ? text.indexOf("]", j) : text.length;
    else if (c === "}" || c === ":" || c === "!") stop = c;
  }
  if (stop === "") return fail("expected '}' before end of string");
  const name = text.slice(start, j - 1);
  if (stop === "}") return { name, end: j };
  let conversion: string | undefined;
  if (stop === "!") {
    if (j >= text.length) fail("end of string while looking for conversion specifier");
    conversion = text[j++];
    if (text[j] === "}") return { name, conversion, end: j + 1 };
    if (j < text.length && text[j++] !== ":") fail("expected ':' after conversion specifier");
  }
  // the spec ends at its matching brace (it may hold nested fields)
  // Stryker disable next-line EqualityOperator: one past the end reads undefined, no brace
  for (let level = 1, k = j; k < text.length; k++) {
    if (text[k] === "{") level++;
    else if (text[k] === "}" && --level === 0) return { name, conversion, spec: text.slice(j, k), end: k + 1 };
  }
  return fail("unmatched '{' in format spec");
}

/** Python's `str.format(*args, **kwargs)` with `{}`, `{0}`, `{name}`, `{name.attr}`, `{x[0]}`, `!r`/`!s`/`!a`, common format specs and fields nested in a spec. */
export function pyFormat(template: string, args: unknown[], kwargs: Record<string, unknown>, getattr: (obj: unknown, name: string) => unknown): string {
  let auto = 0;
  let manual = false;
  const positional = (i: number): unknown => (i < args.length ? args[i] : fail(`Replacement index ${i} out of range for positional args tuple`));
  const lookup = (path: string): unknown => {
    const head = /[^.[]*/.exec(path)![0];
    let value: unknown;
    if (head === "") {
      if (manual) fail("cannot switch from manual field specification to automatic field numbering");
      value = positional(auto++);
    } else if (/^\d+$/.test(head)) {
      if (auto > 0) fail("cannot switch from automatic field numbering to manual field specification");
      manual = true;
      value = positional(Number(head));
    } else {
      if (!Object.prototype.hasOwnProperty.call(kwargs, head)) fail(`KeyError: '${head}'`);
      value = kwargs[head];
    }
    // then each `.attr` or `[key]` step
    for (let k = head.length; k < path.length; ) {
      let step: string;
      if (path[k] === ".") {
        step = /[^.[]*/.exec(path.slice(k + 1))![0];
        k += 1 + step.length;
      } else {
        const close = path.indexOf("]", k);
        step = path.slice(k + 1, close);
        k = close + 1;
        if (k < path.length && path[k] !== "." && path[k] !== "[") fail("Only '.' or '[' may follow ']' in format field specifier");
      }
      if (step === "") fail("Empty attribute in format string");
      value = getattr(value, step);
    }
    return value;
  };
  const replacement = (field: FormatField, depth: number): string => {
    const value = lookup(field.name);
    // a field nested in the spec is formatted first (`{:{width}}`), one level deep as in Python
    const given = field.spec ?? "";
    const spec = given.includes("{") ? (depth > 0 ? fail("Max string recursion exceeded") : render(given, depth + 1)) : given;
    if (field.conversion === undefined) return applySpec(value, spec);
    if (field.conversion === "r") return applySpec(pyRepr(value), spec);
    if (field.conversion === "s") return applySpec(pyStr(value), spec);
    if (field.conversion === "a") return applySpec(asciiOnly(pyRepr(value)), spec);
    return fail(`Unknown conversion specifier ${field.conversion}`);
  };
  const render = (text: string, depth: number): string => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "}") {
        if (text[i + 1] !== "}") fail("Single '}' encountered in format string");
        out += "}";
        i += 2;
      } else if (c !== "{") {
        out += c;
        i += 1;
      } else if (text[i + 1] === "{") {
        out += "{";
        i += 2;
      } else {
        if (i + 1 >= text.length) fail("Single '{' encountered in format string");
        const field = readField(text, i + 1);
        out += replacement(field, depth);
        i = field.end;
      }
    }
    return out;
  };
  return render(template, 0);
}

/** Python's ascii() of a repr: characters past ASCII escaped (`\xe9`, `\u20ac`, `\U0001f600`). */
function asciiOnly(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, (c) => {
    const hex = c.codePointAt(0)!.toString(16);
    // (past ASCII: two hex digits at least)
    return hex.length <= 2 ? `\\x${hex}` : hex.length <= 4 ? `\\u${hex.padStart(4, "0")}` : `\\U${hex.padStart(8, "0")}`;
  });
}

/** Python's errors for a format spec the value's type has no use for (`{:d}` of a str or a float, `{:.2}` of an int). */
function refuseSpec(value: unknown, name: string, n: number | undefined, type: string | undefined, precision: string | undefined, grouping: string | undefined, positiveZero: string | undefined): void {
  // object.__format__ takes no spec: None, lists, dicts, Undefined, host objects
  if (n === undefined && typeof value !== "string") fail(`unsupported format string passed to ${name}.__format__`);
  if (value instanceof PyDecimal) return;
  refuseGrouping(grouping, type);
  if (typeof value === "string") {
    if (type !== undefined && type !== "s") fail(`Unknown format code '${type}' for object of type 'str'`);
    return;
  }
  if (type === "s" || (isFloat(value) && type !== undefined && INTEGER_TYPES.includes(type))) fail(`Unknown format code '${type}' for object of type '${name}'`);
  // an int formatted as an int (a float type formats it as a float)
  if (isFloat(value) || (type !== undefined && !INTEGER_TYPES.includes(type) && type !== "n")) return;
  if (precision !== undefined) fail("Precision not allowed in integer format specifier");
  if (positiveZero) fail("Negative zero coercion (z) not allowed in integer format specifier");
}

/** Python's error for a grouping the type has no use for: `,` goes with decimal types only, `_` also groups `x`, `o` and `b` by four. */
function refuseGrouping(grouping: string | undefined, type: string | undefined): void {
  if (grouping && type !== undefined && !"deEfFgG%".includes(type) && (grouping === "," || !"xXob".includes(type))) fail(`Cannot specify '${grouping}' with '${type}'.`);
}

/** Python's errors for a sign or `#` given to `{:c}`. */
function refuseCharSpec(sign: string | undefined, alternate: string | undefined): void {
  if (sign) fail("Sign not allowed with integer format specifier 'c'");
  if (alternate) fail("Alternate form (#) not allowed with integer format specifier 'c'");
}

/** Python's errors for the parts of a format spec a str has no use for. */
function refuseStringSpec(align: string | undefined, sign: string | undefined, positiveZero: string | undefined, alternate: string | undefined, grouping: string | undefined): void {
  if (sign) fail("Sign not allowed in string format specifier");
  if (positiveZero) fail("Negative zero coercion (z) not allowed in string format specifier");
  if (alternate) fail("Alternate form (#) not allowed in string format specifier");
  if (align === "=") fail("'=' alignment not allowed in string format specifier");
  if (grouping) fail(`Cannot specify '${grouping}' with 's'.`);
}

/** Python's error for a spec its grammar does not read: one character left is an unknown type, more an invalid spec. */
function refuseUnparsed(value: unknown, spec: string): never {
  if (numberOf(value) === undefined && typeof value !== "string") return fail(`unsupported format string passed to ${typeName(value)}.__format__`);
  const rest = /(?:.?[<>^=])?[-+ ]?z?#?0?\d*[,_]?(?:\.\d+)?([\s\S]*)/u.exec(spec)![1];
  return fail(rest.length === 1 ? `Unknown format code '${rest}' for object of type '${typeName(value)}'` : `Invalid format specifier '${spec}' for object of type '${typeName(value)}'`);
}

/** The format types only integers take. */
const INTEGER_TYPES = "bcdoxX";

function applySpec(given: unknown, spec: string): string {
  // a bool formats as the int it is once there is a spec (`{:>5}` of True is `    1`)
  const value = typeof given === "boolean" && spec !== "" ? Number(given) : given;
  const m = /^(?:(.)?([<>^=]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/u.exec(spec);
  if (spec === "") return pyStr(value);
  if (!m) return refuseUnparsed(given, spec);
  const [, fillChar, align, sign, positiveZero, alternate, zero, width, grouping, precision, type] = m;
  const n = numberOf(value);
  refuseSpec(value, typeName(given), n, type, precision, grouping, positiveZero);
  if (typeof value === "string") refuseStringSpec(align, sign, positiveZero, alternate, grouping);
  else if (type === "c") refuseCharSpec(sign, alternate);
  let text: string;
  if (type === "f" || type === "F" || type === "%") {
    const x = (n ?? 0) * (type === "%" ? 100 : 1);
    text = formatFixed(x, precision === undefined ? 6 : Number(precision), alternate === "#") + (type === "%" ? "%" : "");
  }
  else if (type === "e" || type === "E") text = formatExponent(n ?? 0, precision === undefined ? 6 : Number(precision), alternate === "#");
  else if (type === "x" || type === "X") text = Math.trunc(n ?? 0).toString(16);
  else if (type === "o") text = Math.trunc(n ?? 0).toString(8);
  else if (type === "b") text = Math.trunc(n ?? 0).toString(2);
  else if (type === "c") text = printfChar(Math.trunc(n ?? 0));
  // `n` is `g` for a float (the C locale has no grouping); an int with `d` or `n` is its str, below
  else if (type === "g" || type === "G" || (type === "n" && isFloat(value))) text = formatGeneral(n ?? 0, precision === undefined ? undefined : Number(precision), type === "G", alternate === "#", false);
  else if (precision !== undefined && typeof value === "string") text = codePointSlice(value, Number(precision));
  // (an int with a precision was refused: a float or a Decimal)
  else if (precision !== undefined) text = formatGeneral(n ?? 0, Number(precision), false, alternate === "#", true);
  else text = pyStr(value);
  if (type === "X" || type === "E" || type === "F") text = text.toUpperCase();
  // `z`: a negative zero (after rounding) loses its sign
  // Stryker disable next-line Regex: the text's only "-" before its exponent is its sign
  if (positiveZero && /^-[0.]*(?:[eE%]|$)/.test(text)) text = text.slice(1);
  // `#`: the base's prefix after the sign (0x, 0X, 0o, 0b)
  if (alternate && (type === "x" || type === "X" || type === "o" || type === "b")) text = afterSign(text, (digits) => `0${type}${digits}`);
  if (grouping) {
    // `_` groups hexadecimal, octal and binary digits by four
    const size = type === "x" || type === "X" || type === "o" || type === "b" ? 4 : 3;
    text = text.replace(/(-?(?:0[xXob])?)([0-9a-fA-F]+)/, (_g, head: string, digits: string) => head + digits.replace(new RegExp(`\\B(?=(?:[0-9a-fA-F]{${size}})+$)`, "g"), grouping));
  }
  // (a str with a sign was refused above)
  if ((sign === "+" || sign === " ") && !text.startsWith("-")) text = sign + text;
  // a number aligns right (zeros after its sign), a string left (`{:05}` of 'a' is a0000)
  const numeric = typeof value !== "string";
  // Stryker disable next-line StringLiteral: right alignment is also pad()'s fallback
  return pad(text, Number(width ?? 0), align ?? (!numeric ? "<" : zero ? "=" : ">"), fillChar ?? (zero ? "0" : " "));
}
