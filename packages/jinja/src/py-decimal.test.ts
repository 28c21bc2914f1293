import { createEnvironment, PyDecimal } from "./index";

const env = createEnvironment();
const render = (src: string, ctx: Record<string, unknown>) => env.render(src, ctx, { file: "t.sql" });
const dec = (text: string) => PyDecimal.parse(text)!;

// expected values: what Python 3's decimal.Decimal prints and does
describe("PyDecimal (Python's Decimal, as agate gives numbers)", () => {
  it("prints as Python's str() of Decimal(text)", () => {
    const cases: [string, string][] = [["0.000", "0.000"], ["1e-7", "1E-7"], ["0.0000001", "1E-7"], ["-0", "-0"], ["005", "5"], ["1.50", "1.50"], ["1e3", "1E+3"], ["123.456e2", "12345.6"], [".5", "0.5"], ["-2.5E-3", "-0.0025"], ["100", "100"], ["12345678901234567890", "12345678901234567890"]];
    expect(cases.map(([text]) => String(dec(text)))).toEqual(cases.map(([, printed]) => printed));
    expect(PyDecimal.parse("1,000")).toBeNull();
    expect(PyDecimal.parse(".")).toBeNull();
  });

  it("has Python's repr, equality and truth in templates, and takes part in arithmetic as a number", () => {
    expect(render("{{ [d] }} {{ d == 1.5 }} {{ z is sameas false }} {{ 'yes' if z else 'no' }} {{ three + 1 }} {{ d > 1 }}", { d: dec("1.50"), z: dec("0"), three: dec("3") })).toBe("[Decimal('1.50')] True False no 4 True");
    // (Python keeps Decimal's digits in arithmetic: Decimal('1.50') * 2 prints 3.00; tsdbt gives the number 3)
    expect(render("{{ d * 2 }}", { d: dec("1.50") })).toBe("3");
  });
});
