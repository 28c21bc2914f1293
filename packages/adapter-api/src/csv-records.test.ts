import { csvRecords } from "./csv-records";

describe("csvRecords (the seed reader of the PostgreSQL, Snowflake and BigQuery adapters)", () => {
  it("handles quotes, doubled quotes, embedded newlines, CRLF, a BOM, empty cells and a multi-character delimiter", () => {
    expect(csvRecords('\uFEFFa,b\r\n"x, ""y""","two\nlines"\r\n,""\n', ",")).toEqual([
      ["a", "b"],
      ['x, "y"', "two\nlines"],
      [null, ""],
    ]);
    expect(csvRecords("a||b\n1||2", "||")).toEqual([["a", "b"], ["1", "2"]]);
  });
});
