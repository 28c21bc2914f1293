import { agateNumber, decimalPlaces, loadedNumberText } from "./agate-number";
import { loadedCellText, timestampFields } from "./infer-column-types";

// expected values: what agate's Number type (en_US, as dbt configures it) and Python's Decimal make of each cell
describe("agateNumber", () => {
  it("reads cells as agate's Number does", () => {
    const cells: [string, string | null][] = [
      ["1,000", "1000"], ["$10.50", "10.50"], ["-$3", "-3"], ["$-3", "-3"], ["5%", "5"], ["%7%", "7"], ["€4.5", "4.5"], ["1e3", "1E+3"], ["2.5E-2", "0.025"],
      ["1_000", "1000"], ["--5", "5"], ["+5", "5"], [" 5 ", "5"], ["NaN", "NaN"], ["-inf", "-Infinity"], ["Infinity", "Infinity"], [".5", "0.5"], ["5.", "5"],
      ["(5)", null], ["two", null], ["1/2/2024", null], ["e5", null], ["1__0", null], ["$", null], ["10:00", null],
    ];
    expect(cells.map(([cell]) => agateNumber(cell)?.text ?? null)).toEqual(cells.map(([, value]) => value));
  });

  it("counts decimals once trailing zeros go (agate's MaxPrecision), and loads numbers as dbt's driver sends them", () => {
    expect(["1.0", "2.50", "1E+3", "NaN", "0.000"].map((c) => decimalPlaces(agateNumber(c)!))).toEqual([0, 1, 0, 0, 0]);
    expect([loadedNumberText(agateNumber("1,000")!, true), loadedNumberText(agateNumber("1e3")!, true), loadedNumberText(agateNumber("2.0")!, true), loadedNumberText(agateNumber("-0")!, true)]).toEqual(["1000", "1000", "2", "0"]);
    expect([loadedNumberText(agateNumber("$10.50")!, false), loadedNumberText(agateNumber("inf")!, false), loadedNumberText(agateNumber("nan")!, false)]).toEqual(["10.50", "NaN", "NaN"]);
  });
});

describe("ISO timestamps as isodate reads them", () => {
  it("takes its forms, with or without a zone, and loads a zoned value in UTC", () => {
    const cells = ["2024-01-01T10:00:00+02:00", "2024-01-02T11:30:00Z", "2024-01-03T00:00:00-05:00", "2024-01-01T10:00+02:00", "2024-01-01T10:00:00.5Z", "2024-01-01T10:00:00+0130", "20240101T100000", "2024-01-01T10", "2024-12-31T23:30:00-01:00"];
    expect(cells.map((c) => loadedCellText(c, "timestamp"))).toEqual([
      "2024-01-01 08:00:00", "2024-01-02 11:30:00", "2024-01-03 05:00:00", "2024-01-01 08:00:00", "2024-01-01 10:00:00.500000", "2024-01-01 08:30:00", "2024-01-01 10:00:00", "2024-01-01 10:00:00", "2025-01-01 00:30:00",
    ]);
    expect(["2024-01-02 10:00:00+02:00", "2024-13-01T10:00:00", "2024-01-01T25:00:00"].map((c) => timestampFields(c, "iso"))).toEqual([null, null, null]);
  });
});
