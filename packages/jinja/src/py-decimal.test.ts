import { readFileSync } from "fs";
import { createEnvironment, PyDecimal } from "./index";
import { decimalAbs, decimalAdd, decimalCompare, decimalDiv, decimalFloorDiv, decimalMod, decimalMul, decimalNegate, decimalPow, decimalRound, decimalSub, decimalTrunc } from "./runtime/decimal-arithmetic";

const env = createEnvironment();
const render = (src: string, ctx: Record<string, unknown>) => env.render(src, ctx, { file: "t.sql" });
const dec = (text: string) => PyDecimal.parse(text)!;

// expected values: what Python 3's decimal.Decimal prints and computes (default context: 28 digits, ties to even)
describe("PyDecimal (Python's Decimal, as agate gives numbers)", () => {
  it("prints as Python's str() of Decimal(text)", () => {
    const cases: [string, string][] = [["0.000", "0.000"], ["1e-7", "1E-7"], ["0.0000001", "1E-7"], ["-0", "-0"], ["005", "5"], ["1.50", "1.50"], ["1e3", "1E+3"], ["123.456e2", "12345.6"], [".5", "0.5"], ["-2.5E-3", "-0.0025"], ["100", "100"], ["12345678901234567890", "12345678901234567890"], ["NaN", "NaN"], ["-inf", "-Infinity"]];
    expect(cases.map(([text]) => String(dec(text)))).toEqual(cases.map(([, printed]) => printed));
    expect(PyDecimal.parse("1,000")).toBeNull();
    expect(PyDecimal.parse(".")).toBeNull();
    const more: [string, string][] = [["1.", "1"], ["+5", "5"], [" 5 ", "5"], ["0.000001", "0.000001"], ["0.0000010", "0.0000010"], ["1E-6", "0.000001"], ["12E+2", "1.2E+3"], ["1.5E+3", "1.5E+3"], ["-0.00", "-0.00"], ["0E+2", "0E+2"], ["0E-7", "0E-7"], ["0.0000000", "0E-7"], ["123E-9", "1.23E-7"], ["-1E+0", "-1"], ["100E-2", "1.00"], ["5E-1", "0.5"], ["  -inf ", "-Infinity"], ["+Infinity", "Infinity"], ["nan", "NaN"]];
    expect(more.map(([text]) => String(dec(text)))).toEqual(more.map(([, printed]) => printed));
    for (const text of ["1e", "e5", "-", "", "0x10", "1.2.3", "xnan", "infx", "1 2"]) expect(PyDecimal.parse(text)).toBeNull();
    expect(String(dec("-NaN"))).toBe("-NaN");
    expect([dec("NaN"), dec("-inf"), dec("1.5"), dec("-0")].map(Number)).toEqual([NaN, -Infinity, 1.5, -0]);
  });

  it("reads a float exactly as Python's Decimal(f), and an int as Decimal(n)", () => {
    expect([0.1, 2.5, -0.75, 0.001, 3].map((n) => String(PyDecimal.exactFloat(n)))).toEqual(["0.1000000000000000055511151231257827021181583404541015625", "2.5", "-0.75", "0.001000000000000000020816681711721685132943093776702880859375", "3"]);
    expect([7, -3, -0, 12345678901234567890n].map((n) => String(PyDecimal.fromInt(n)))).toEqual(["7", "-3", "0", "12345678901234567890"]);
    expect([-0, 0, -Infinity, -2].map((n) => String(PyDecimal.exactFloat(n)))).toEqual(["-0", "0", "-Infinity", "-2"]);
  });

  it("reads a float as agate does, Decimal(repr(f))", () => {
    expect([3, 2.5, 0.1, 1e-7, 1e17, 1.5e17, 1e300, -0].map((n) => String(PyDecimal.fromFloatRepr(n)))).toEqual(["3.0", "2.5", "0.1", "1E-7", "1E+17", "1.5E+17", "1E+300", "-0.0"]);
    expect([1e16, 9999999999999998, 1e15, 123.456, -2.5e-8, 5e-324, 1.7976931348623157e308, 0, NaN, -Infinity].map((n) => String(PyDecimal.fromFloatRepr(n)))).toEqual(["1E+16", "9999999999999998.0", "1000000000000000.0", "123.456", "-2.5E-8", "5E-324", "1.7976931348623157E+308", "0.0", "NaN", "-Infinity"]);
  });

  it("computes as Python's decimal module", () => {
    const ops = { "+": decimalAdd, "-": decimalSub, "*": decimalMul, "/": decimalDiv, "//": decimalFloorDiv, "%": decimalMod, "**": decimalPow };
    const cases: [string, keyof typeof ops, string, string][] = [
      ["1.50", "+", "2", "3.50"], ["1.50", "-", "1.50", "0.00"], ["-0", "+", "0", "0"], ["-0", "-", "0", "-0"], ["1E+5", "+", "0", "100000"],
      ["9999999999999999999999999999", "+", "1", "1.000000000000000000000000000E+28"], ["1.5", "*", "-0", "-0.0"], ["10.00", "/", "2", "5.00"],
      ["1", "/", "3", "0.3333333333333333333333333333"], ["2", "/", "3", "0.6666666666666666666666666667"], ["-7", "/", "2", "-3.5"],
      ["0.00", "/", "5", "0.00"], ["100", "/", "0.1", "1.00E+3"], ["1E+2", "/", "4", "25"], ["7.5", "//", "2", "3"], ["-7.5", "//", "2", "-3"],
      ["-7", "%", "2", "-1"], ["7.25", "%", "-2", "1.25"], ["1.50", "**", "3", "3.375000"], ["2", "**", "-2", "0.25"],
      ["12345678901234567890.5", "*", "3", "37037036703703703671.5"], ["0.1", "+", "0.2", "0.3"], ["5", "-", "7.00", "-2.00"],
      // whole powers up to 10000 are computed exactly, then rounded
      ["2", "**", "10000", "1.995063116880758384883742163E+3010"], ["-1.5", "**", "9999", "-5.451290142282848456061245856E+1760"],
    ];
    expect(cases.map(([a, op, b]) => String(ops[op](dec(a), dec(b))))).toEqual(cases.map((c) => c[3]));
    const rounded: [string, number, string][] = [["1.50", 0, "2"], ["2.5", 0, "2"], ["3.5", 0, "4"], ["1.2345", 2, "1.23"], ["-1.255", 2, "-1.26"], ["100", -1, "1.0E+2"]];
    expect(rounded.map(([v, n]) => String(decimalRound(dec(v), n)))).toEqual(rounded.map((c) => c[2]));
  });

  // expected values: Python 3.11's decimal module on the same operands
  it("computes with NaN and Infinity as Python's decimal module, and fails where it signals", () => {
    const ops = { "+": decimalAdd, "-": decimalSub, "*": decimalMul, "/": decimalDiv, "//": decimalFloorDiv, "%": decimalMod };
    const cases: [string, keyof typeof ops, string, string][] = [
      ["Infinity", "+", "1", "Infinity"], ["Infinity", "+", "Infinity", "Infinity"], ["NaN", "+", "1", "NaN"], ["1", "-", "Infinity", "-Infinity"],
      ["Infinity", "*", "-2", "-Infinity"], ["NaN", "*", "2", "NaN"], ["Infinity", "/", "2", "Infinity"], ["NaN", "/", "0", "NaN"],
      ["Infinity", "//", "3", "Infinity"], ["3", "//", "-Infinity", "-0"], ["5", "%", "Infinity", "5"],
      // a finite number over Infinity: a zero at the context's smallest exponent (Etiny)
      ["1", "/", "-Infinity", "-0E-1000026"], ["5", "/", "Infinity", "0E-1000026"], ["-0", "/", "Infinity", "-0E-1000026"],
    ];
    expect(cases.map(([a, op, b]) => String(ops[op](dec(a), dec(b))))).toEqual(cases.map((c) => c[3]));
    const failing: [string, keyof typeof ops, string, string][] = [
      ["-Infinity", "+", "Infinity", "InvalidOperation"], ["Infinity", "*", "0", "InvalidOperation"], ["Infinity", "/", "Infinity", "InvalidOperation"],
      ["0", "/", "0", "DivisionUndefined"], ["Infinity", "//", "Infinity", "InvalidOperation"], ["0", "//", "0", "DivisionUndefined"],
      ["Infinity", "%", "2", "InvalidOperation"], ["5", "%", "0", "InvalidOperation"], ["0", "%", "0", "DivisionUndefined"],
    ];
    for (const [a, op, b, signal] of failing) expect(() => ops[op](dec(a), dec(b))).toThrow(`[<class 'decimal.${signal}'>]`);
  });

  // __fixtures__/decimal-cases.json: Python's own results (scripts/decimal-cases.py), failures as `!Signal`
  it("gives Python's decimal results for every pair of a set of operands", () => {
    const { cases } = JSON.parse(readFileSync(`${__dirname}/__fixtures__/decimal-cases.json`, "utf8")) as { cases: [string, string, string, string][] };
    const binary: Record<string, (a: PyDecimal, b: PyDecimal) => PyDecimal> = { "+": decimalAdd, "-": decimalSub, "*": decimalMul, "/": decimalDiv, "//": decimalFloorDiv, "%": decimalMod, "**": decimalPow };
    const unary: Record<string, (a: PyDecimal) => unknown> = { neg: (a) => decimalNegate(a), abs: decimalAbs, int: decimalTrunc, round0: (a) => decimalRound(a, 0), round2: (a) => decimalRound(a, 2), "round-1": (a) => decimalRound(a, -1) };
    const outcome = ([a, op, b]: [string, string, string, string]): string => {
      try {
        if (op === "cmp") return String(decimalCompare(dec(a), dec(b)));
        return String(op in unary ? unary[op](dec(a)) : binary[op](dec(a), dec(b)));
      } catch (e) {
        return `!${/decimal\.(\w+)/.exec((e as Error).message)?.[1] ?? (e as Error).message}`;
      }
    };
    expect(cases.length).toBeGreaterThan(1000);
    const differing = cases.filter((c) => outcome(c) !== c[3]).map((c) => `${c[0]} ${c[1]} ${c[2]}: Python ${c[3]}, tsdbt ${outcome(c)}`);
    expect(differing).toEqual([]);
  });

  it("has Python's repr, equality, order and truth in templates", () => {
    expect(render("{{ [d] }} {{ d == 1.5 }} {{ z is sameas false }} {{ 'yes' if z else 'no' }} {{ three + 1 }} {{ d > 1 }} {{ tenth == 0.1 }} {{ nan == nan }} {{ [three, d] | sort }}", { d: dec("1.50"), z: dec("0"), three: dec("3"), tenth: dec("0.1"), nan: dec("NaN") })).toBe(
      "[Decimal('1.50')] True False no 4 True False False [Decimal('1.50'), Decimal('3')]",
    );
  });

  it("keeps a Decimal's digits in template arithmetic and refuses floats as Python does", () => {
    expect(render("{{ d * 2 }} {{ d / 4 }} {{ d + true }} {{ -d }} {{ d | round }} {{ d | abs }} {{ big | int }}", { d: dec("1.50"), big: dec("12345678901234567890.9") })).toBe("3.00 0.375 2.50 -1.50 2 1.50 12345678901234567890");
    // an int operand has no negative zero: Decimal('1.5') * -0 is 0.0, Decimal('-0') + -0 is 0
    expect(render("{{ d * -0 }} {{ z + -0 }}", { d: dec("1.5"), z: dec("-0") })).toBe("0.0 0");
    expect(() => render("{{ d + 0.5 }}", { d: dec("1.50") })).toThrow("unsupported operand type(s) for +: 'decimal.Decimal' and 'float'");
    expect(() => render("{{ d | tojson }}", { d: dec("1.50") })).toThrow("Object of type Decimal is not JSON serializable");
    expect(() => render("{{ d / 0 }}", { d: dec("1.50") })).toThrow("[<class 'decimal.DivisionByZero'>]");
  });

  // expected values: Python 3.11 on the same operands
  it("compares exactly with floats, takes bools as ints, and names decimal.Decimal in Python's TypeErrors", () => {
    const ctx = { one: dec("1"), half: dec("0.5"), oneh: dec("1.5"), nan: dec("NaN"), two: dec("2"), three: dec("3") };
    expect(render("{{ one == 0.5 }} {{ half == 0.5 }} {{ oneh < 1.6 }} {{ one + true }} {{ 0.5 < one }} {{ one == 'a' }} {{ [one] < [two] }} {{ one >= 1.0 }}", ctx)).toBe("False True True 2 True False True True");
    const refused: [string, string][] = [
      ["{{ one < 'a' }}", "'<' not supported between instances of 'decimal.Decimal' and 'str'"],
      ["{{ one * none }}", "unsupported operand type(s) for *: 'decimal.Decimal' and 'NoneType'"],
      ["{{ none - one }}", "unsupported operand type(s) for -: 'NoneType' and 'decimal.Decimal'"],
      ["{{ two ** 0.5 }}", "unsupported operand type(s) for ** or pow(): 'decimal.Decimal' and 'float'"],
      ["{{ nan < 1 }}", "[<class 'decimal.InvalidOperation'>]"],
      ["{{ one + 'a' }}", "unsupported operand type(s) for +: 'decimal.Decimal' and 'str'"],
      ["{{ 'a' + one }}", 'can only concatenate str (not "decimal.Decimal") to str'],
      ["{{ three % 2.0 }}", "unsupported operand type(s) for %: 'decimal.Decimal' and 'float'"],
      ["{{ one / 0.5 }}", "unsupported operand type(s) for /: 'decimal.Decimal' and 'float'"],
      ["{{ one // 0.5 }}", "unsupported operand type(s) for //: 'decimal.Decimal' and 'float'"],
      ["{{ (half | int) + 'a' }}", "unsupported operand type(s) for +: 'int' and 'str'"],
      ["{{ range(two) }}", "'decimal.Decimal' object cannot be interpreted as an integer"],
    ];
    // Jinja2's tests: a Decimal is a numbers.Number, neither an int nor a float
    expect(render("{{ one is number }} {{ one is integer }} {{ one is float }} {{ three is odd }} {{ two is divisibleby 2 }} {{ half is string }}", ctx)).toBe("True False False True True False");
    // int() of a Decimal NaN is a ValueError: the int filter gives its default
    expect(render("{{ nan | int }} {{ nan | int(7) }} {{ oneh | int }}", ctx)).toBe("0 7 1");
    // unary plus rounds to the context and makes a zero positive
    expect(render("{{ +z }} {{ +one }} {{ +long }} {{ +nan }} {{ -z }} {{ +neg }}", { ...ctx, z: dec("-0"), long: dec("123456789012345678901234567.89"), neg: dec("-1.50") })).toBe("0 1 123456789012345678901234567.9 NaN 0 -1.50");
    // int(Decimal('0.5')) is 0, false; a Decimal compares with an infinite float
    expect(render("{{ 'y' if half | int else 'n' }} {{ (three | int) * 2 }} {{ one < inf }} {{ one > -inf }}", { ...ctx, inf: Infinity })).toBe("n 6 True True");
    for (const [text, message] of refused) expect(() => render(text, ctx)).toThrow(message);
  });
});
