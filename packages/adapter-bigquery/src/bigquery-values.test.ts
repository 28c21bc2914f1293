import { cellValue, rowsOf, standardTypeName } from "./bigquery-values";

describe("BigQuery REST values", () => {
  it("reads each type as plain JavaScript, as the other adapters return it", () => {
    const cases: [string, unknown, unknown][] = [
      ["INTEGER", "42", 42],
      ["INTEGER", "9007199254740993", "9007199254740993"],
      ["FLOAT", "1.5", 1.5],
      ["NUMERIC", "1.25", 1.25],
      ["NUMERIC", "1.250000000", 1.25],
      ["BIGNUMERIC", "12345678901234567890.123456789", "12345678901234567890.123456789"],
      ["BOOLEAN", "true", true],
      ["BOOLEAN", "false", false],
      ["DATE", "2024-01-02", "2024-01-02"],
      ["DATETIME", "2024-01-02T03:04:05.5", "2024-01-02 03:04:05.500000"],
      ["DATETIME", "2024-01-02T03:04:05", "2024-01-02 03:04:05"],
      ["TIMESTAMP", "1704164645500000", "2024-01-02 03:04:05.500000+00:00"],
      ["TIMESTAMP", "1704164645.0", "2024-01-02 03:04:05+00:00"],
      ["STRING", "x", "x"],
      ["INTEGER", null, null],
    ];
    for (const [type, raw, expected] of cases) expect([type, cellValue({ name: "c", type }, raw)]).toEqual([type, expected]);
  });

  it("reads STRUCT and REPEATED fields and names them in GoogleSQL", () => {
    const field = { name: "s", type: "RECORD", fields: [{ name: "a", type: "INTEGER" }, { name: "tags", type: "STRING", mode: "REPEATED" }] };
    expect(cellValue(field, { f: [{ v: "1" }, { v: [{ v: "x" }, { v: "y" }] }] })).toEqual({ a: 1, tags: ["x", "y"] });
    expect(standardTypeName(field)).toBe("STRUCT<a INT64, tags ARRAY<STRING>>");
    expect(standardTypeName({ name: "f", type: "FLOAT" })).toBe("FLOAT64");
    expect(standardTypeName({ name: "b", type: "BOOLEAN", mode: "REQUIRED" })).toBe("BOOL");
  });

  it("keys rows by column name and suffixes repeated names", () => {
    const fields = [{ name: "a", type: "INTEGER" }, { name: "a", type: "STRING" }];
    expect(rowsOf(fields, [{ f: [{ v: "1" }, { v: "x" }] }])).toEqual({ names: ["a", "a_1"], rows: [{ a: 1, a_1: "x" }] });
  });
});
