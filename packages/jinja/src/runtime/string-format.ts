import { fail } from "./signals";
import { PyDecimal } from "./py-decimal";
import { formatFloat, isDict, isFloat, numberOf, PyFloat, pyRepr, pyStr, pyToFixed, typeName } from "./values";

/**
 * Python's general format (`%g`, `{:g}`): `precision` significant digits (6 by default), fixed
 * notation when the exponent is from -4 to below the precision, else an exponent of at least two
 * digits; trailing zeros (and a bare point) dropped unless `alternate` (the `#` flag).
 */
function formatGeneral(x: number, precision: number | undefined, upper: boolean, alternate = false, noType = false): string {
  const p = precision === undefined ? 6 : Math.max(1, precision);
  let text: string;
  if (!Number.isFinite(x)) text = formatFloat(x);
  else if (x === 0) text = (Object.is(x, -0) ? "-0" : "0") + (noType ? ".0" : "");
  else {
    // round to p significant digits on the exact binary value, ties to even (as Python does)
    const [m, ex] = Math.abs(x).toExponential(99).split("e");
    const all = m.replace(".", "");
    let head = all.slice(0, p);
    let e = Number(ex);
    const rest = all.slice(p);
    if (rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(head[p - 1]) % 2 === 1))) {
      const bumped = (BigInt(head) + 1n).toString();
      if (bumped.length > p) {
        head = bumped.slice(0, p);
        e += 1;
      } else head = bumped.padStart(p, "0");
    }
    const trim = (t: string) => (alternate || !t.includes(".") ? t : t.replace(/0+$/, "").replace(/\.$/, ""));
    const sign = x < 0 ? "-" : "";
    // with no type (`{:.3}`) the exponent comes one digit earlier, and a fixed result keeps a decimal
    if (e >= -4 && e < (noType ? p - 1 : p)) {
      text = sign + trim(e >= 0 ? `${head.slice(0, e + 1)}.${head.slice(e + 1)}` : `0.${"0".repeat(-e - 1)}${head}`);
      if (noType && !text.includes(".")) text += ".0";
    }
    else text = `${sign}${trim(`${head[0]}.${head.slice(1)}`)}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return upper ? text.toUpperCase() : text;
}

/** Python's `'%s-%d' % (a, b)` formatting (also the `format` filter). */
export function printfFormat(template: string, args: unknown[]): string {
  let next = 0;
  const mapping = args.length === 1 && isDict(args[0]) ? args[0] : undefined;
  const out = template.replace(/%(\([^)]*\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifrxXeEgGoc%])/g, (m, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string, at: number) => {
    if (m === "%%") return "%";
    // Python 3.11: a `%` with flags, a width or a precision takes an argument, then refuses the `%`
    if (conv === "%") {
      if (!key && next >= args.length) fail("not enough arguments for format string");
      fail(`unsupported format character '%' (0x25) at index ${at + m.length - 1}`);
    }
    // `*`: the width is the next argument
    if (width === "*") {
      if (next >= args.length) fail("not enough arguments for format string");
      width = String(numberOf(args[next++]) ?? fail("* wants int"));
    }
    let value: unknown;
    if (key) {
      const name = key.slice(1, -1);
      if (!mapping) fail("format requires a mapping");
      if (!Object.prototype.hasOwnProperty.call(mapping, name)) fail(`KeyError: '${name}'`);
      value = mapping[name];
    }
    else {
      if (next >= args.length) fail("not enough arguments for format string");
      value = args[next++];
    }
    let text: string;
    const n = numberOf(value);
    switch (conv) {
      case "s":
        text = pyStr(value);
        break;
      case "r":
        text = pyRepr(value);
        break;
      case "d":
      case "i":
        if (n === undefined) fail(`%${conv} format: a real number is required, not ${typeName(value)}`);
        text = String(Math.trunc(n));
        break;
      case "f":
      case "F":
        text = pyToFixed(real(n, value), precision === undefined ? 6 : Number(precision));
        break;
      case "e":
      case "E":
        text = real(n, value).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, "e$10$2");
        if (conv === "E") text = text.toUpperCase();
        break;
      case "g":
      case "G":
        text = formatGeneral(real(n, value), precision === undefined ? undefined : Number(precision), conv === "G", flags.includes("#"));
        break;
      case "x":
      case "X":
        text = Math.trunc(integer(conv, n, value)).toString(16);
        if (conv === "X") text = text.toUpperCase();
        break;
      case "o":
        text = Math.trunc(integer(conv, n, value)).toString(8);
        break;
      default:
        text = printfChar(value);
    }
    if (precision !== undefined && conv === "s") text = text.slice(0, Number(precision));
    // for an integer conversion the precision is the least number of digits
    if (precision !== undefined && INTEGER_CONVERSIONS.includes(conv)) text = text.replace(/^(-?)(\w+)$/, (_d, sign: string, digits: string) => sign + digits.padStart(Number(precision), "0"));
    // `#`: the base's prefix after the sign (0x, 0X, 0o)
    if (flags.includes("#") && (conv === "x" || conv === "X" || conv === "o")) text = text.replace(/^(-?)/, `$10${conv}`);
    const numeric = n !== undefined && conv !== "s" && conv !== "r" && conv !== "c";
    if (numeric && n >= 0 && flags.includes("+")) text = "+" + text;
    else if (numeric && n >= 0 && flags.includes(" ")) text = " " + text;
    const size = width === undefined ? 0 : Number(width);
    if (flags.includes("-")) return text.padEnd(size);
    if (!numeric || !flags.includes("0") || text.length >= size) return text.padStart(size);
    // zeros go after the sign and the prefix
    const head = /^[-+ ]?(?:0[xXo])?/.exec(text)![0];
    return head + "0".repeat(size - text.length) + text.slice(head.length);
  });
  // Python leaves one unused argument alone only when it is a mapping or sequence (`'x' % {}`, `'x' % []`)
  const unusedContainer = args.length === 1 && next === 0 && typeof args[0] === "object" && args[0] !== null && !(args[0] instanceof PyFloat);
  if (!mapping && next < args.length && !unusedContainer) {
    fail("not all arguments converted during string formatting");
  }
  return out;
}

/** `%c`: one character, given as itself or as its code point. */
function printfChar(value: unknown): string {
  if (typeof value === "string" && [...value].length === 1) return value;
  const n = typeof value === "string" || isFloat(value) ? undefined : numberOf(value);
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
const INTEGER_CONVERSIONS = "dixXo";

function pad(text: string, width: number, align: string, fill: string): string {
  if (text.length >= width) return text;
  const room = width - text.length;
  if (align === "<") return text + fill.repeat(room);
  if (align === "^") return fill.repeat(Math.floor(room / 2)) + text + fill.repeat(Math.ceil(room / 2));
  // `=` (and zero padding): the fill goes between the sign and the digits
  if ((align === "=" || fill === "0") && /^[-+ ]/.test(text)) return text[0] + fill.repeat(room) + text.slice(1);
  return fill.repeat(room) + text;
}

/** Python's `str.format(*args, **kwargs)` with `{}`, `{0}`, `{name}`, `{name.attr}`, `{x[0]}`, `!r`/`!s`/`!a`, common format specs and fields nested in a spec. */
export function pyFormat(template: string, args: unknown[], kwargs: Record<string, unknown>, getattr: (obj: unknown, name: string) => unknown): string {
  let auto = 0;
  let manual = false;
  const positional = (i: number): unknown => (i < args.length ? args[i] : fail(`Replacement index ${i} out of range for positional args tuple`));
  const lookup = (path: string): unknown => {
    const head = /^[^.[]*/.exec(path)![0];
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
    const rest = path.slice(head.length);
    if (!/^(?:\.[^.[]+|\[[^\]]+\])*$/.test(rest)) fail("Empty attribute in format string");
    for (const part of rest.matchAll(/\.([^.[]+)|\[([^\]]+)\]/g)) value = getattr(value, part[1] ?? part[2]);
    return value;
  };
  const replacement = (inner: string, depth: number): string => {
    const [, path, conversion, given] = /^([^!:]*)(?:!([^:]?))?(?::([\s\S]*))?$/.exec(inner) ?? fail("expected '}' before end of string");
    const value = lookup(path);
    // a field nested in the spec is formatted first (`{:{width}}`), one level deep as in Python
    const spec = given !== undefined && given.includes("{") ? (depth > 0 ? fail("Max string recursion exceeded") : render(given, depth + 1)) : given ?? "";
    if (conversion === undefined) return applySpec(value, spec);
    if (conversion === "r") return applySpec(pyRepr(value), spec);
    if (conversion === "s") return applySpec(pyStr(value), spec);
    if (conversion === "a") return applySpec(asciiOnly(pyRepr(value)), spec);
    return fail(conversion === "" ? "unmatched '{' in format spec" : `Unknown conversion specifier ${conversion}`);
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
        // the field ends at its matching brace (a spec may hold nested fields)
        let j = i + 1;
        for (let level = 1; level > 0; j++) {
          if (j >= text.length) fail("expected '}' before end of string");
          if (text[j] === "{") level++;
          else if (text[j] === "}") level--;
        }
        out += replacement(text.slice(i + 1, j - 1), depth);
        i = j;
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
    return hex.length <= 2 ? `\\x${hex.padStart(2, "0")}` : hex.length <= 4 ? `\\u${hex.padStart(4, "0")}` : `\\U${hex.padStart(8, "0")}`;
  });
}

/** Python's errors for a format spec the value's type has no use for (`{:d}` of a str or a float, `{:.2}` of an int). */
function refuseSpec(value: unknown, n: number | undefined, type: string | undefined, precision: string | undefined): void {
  if (value === null || Array.isArray(value) || isDict(value)) fail(`unsupported format string passed to ${typeName(value)}.__format__`);
  if (value instanceof PyDecimal) return;
  if (typeof value === "string") {
    if (type !== undefined && type !== "s") fail(`Unknown format code '${type}' for object of type 'str'`);
    return;
  }
  if (n === undefined) return;
  if (type === "s" || (isFloat(value) && type !== undefined && INTEGER_TYPES.includes(type))) fail(`Unknown format code '${type}' for object of type '${typeName(value)}'`);
  if (!isFloat(value) && precision !== undefined && (type === undefined || INTEGER_TYPES.includes(type))) fail("Precision not allowed in integer format specifier");
}

/** Python's errors for the parts of a format spec a str has no use for. */
function refuseStringSpec(align: string | undefined, sign: string | undefined, alternate: string | undefined, grouping: string | undefined): void {
  if (sign) fail("Sign not allowed in string format specifier");
  if (alternate) fail("Alternate form (#) not allowed in string format specifier");
  if (align === "=") fail("'=' alignment not allowed in string format specifier");
  if (grouping) fail(`Cannot specify '${grouping}' with 's'.`);
}

/** Python's error for a spec its grammar does not read: one character left is an unknown type, more an invalid spec. */
function refuseUnparsed(value: unknown, spec: string): never {
  if (value === null || Array.isArray(value) || isDict(value)) return fail(`unsupported format string passed to ${typeName(value)}.__format__`);
  const rest = /^(?:.?[<>^=])?[-+ ]?z?#?0?\d*[,_]?(?:\.\d+)?([\s\S]*)$/.exec(spec)![1];
  return fail(rest.length === 1 ? `Unknown format code '${rest}' for object of type '${typeName(value)}'` : `Invalid format specifier '${spec}' for object of type '${typeName(value)}'`);
}

/** The format types only integers take. */
const INTEGER_TYPES = "bcdoxX";

function applySpec(given: unknown, spec: string): string {
  // a bool formats as the int it is once there is a spec (`{:>5}` of True is `    1`)
  const value = typeof given === "boolean" && spec !== "" ? Number(given) : given;
  const m = /^(?:(.)?([<>^=]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/.exec(spec);
  if (spec === "") return pyStr(value);
  if (!m) return refuseUnparsed(value, spec);
  const [, fillChar, align, sign, alternate, zero, width, grouping, precision, type] = m;
  const n = numberOf(value);
  refuseSpec(value, n, type, precision);
  if (typeof value === "string") refuseStringSpec(align, sign, alternate, grouping);
  let text: string;
  if (type === "f" || type === "F" || type === "%") {
    const x = (n ?? 0) * (type === "%" ? 100 : 1);
    text = pyToFixed(x, precision === undefined ? 6 : Number(precision)) + (type === "%" ? "%" : "");
  } else if (type === "d") text = String(Math.trunc(n ?? 0));
  else if (type === "e" || type === "E") text = (n ?? 0).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, "e$10$2");
  else if (type === "x" || type === "X") text = Math.trunc(n ?? 0).toString(16);
  else if (type === "o") text = Math.trunc(n ?? 0).toString(8);
  else if (type === "b") text = Math.trunc(n ?? 0).toString(2);
  else if (type === "c") text = String.fromCodePoint(Math.trunc(n ?? 0));
  else if ((type === "g" || type === "G") && n !== undefined) text = formatGeneral(n, precision === undefined ? undefined : Number(precision), type === "G", alternate === "#");
  else if (precision !== undefined && typeof value === "string") text = value.slice(0, Number(precision));
  else if (precision !== undefined && n !== undefined && isFloat(value)) text = formatGeneral(n, Number(precision), false, false, true);
  else if (precision !== undefined && n !== undefined) text = String(Number(n.toPrecision(Number(precision))));
  else text = pyStr(value);
  if (type === "X" || type === "E") text = text.toUpperCase();
  // `#`: the base's prefix after the sign (0x, 0X, 0o, 0b)
  if (alternate && (type === "x" || type === "X" || type === "o" || type === "b")) text = text.replace(/^(-?)/, `$10${type}`);
  if (grouping) {
    // `_` groups hexadecimal, octal and binary digits by four
    const size = type === "x" || type === "X" || type === "o" || type === "b" ? 4 : 3;
    text = text.replace(/^(-?(?:0[xXob])?)([0-9a-fA-F]+)/, (_g, head: string, digits: string) => head + digits.replace(new RegExp(`\\B(?=(?:[0-9a-fA-F]{${size}})+$)`, "g"), grouping));
  }
  if ((sign === "+" || sign === " ") && n !== undefined && n >= 0 && typeof value !== "string") text = sign + text;
  // a number aligns right (zeros after its sign), a string left (`{:05}` of 'a' is a0000)
  const numeric = n !== undefined && typeof value !== "string";
  return pad(text, width === undefined ? 0 : Number(width), align ?? (!numeric ? "<" : zero ? "=" : ">"), fillChar ?? (zero ? "0" : " "));
}
