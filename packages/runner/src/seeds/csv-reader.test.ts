import { parseCsv } from "./csv-reader";
import { RunnerError } from "../runner-error";

describe("parseCsv", () => {
  it("reads a header and rows, dropping a BOM and accepting CRLF line ends and a missing final newline", () => {
    expect(parseCsv("\uFEFFid,name\r\n1,ann\r\n2,bob", ",", "seeds/p.csv")).toEqual({
      header: ["id", "name"],
      rows: [["1", "ann"], ["2", "bob"]],
    });
  });

  it("keeps delimiters, newlines and doubled quotes inside quoted fields", () => {
    const text = 'id,note\n1,"a, b"\n2,"line one\nline two"\n3,"say ""hi"""\n';
    expect(parseCsv(text, ",", "x.csv").rows).toEqual([
      ["1", "a, b"],
      ["2", "line one\nline two"],
      ["3", 'say "hi"'],
    ]);
  });

  it("splits on the configured delimiter and keeps empty cells empty", () => {
    expect(parseCsv("a;b;c\n1;;3\n", ";", "x.csv").rows).toEqual([["1", "", "3"]]);
  });

  it("ignores blank lines", () => {
    expect(parseCsv("a\n1\n\n2\n\n", ",", "x.csv").rows).toEqual([["1"], ["2"]]);
  });

  it("reports an unterminated quote with the line and column where it opens", () => {
    let error: unknown;
    try {
      parseCsv('id,name\n1,ann\n2,"bob\n3,cy\n', ",", "seeds/people.csv");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).format()).toMatch(/^seeds\/people\.csv:3:3: TSDBT-E407: .*never closed/);
  });

  it("reports a row whose width differs from the header with its line", () => {
    expect(() => parseCsv("a,b\n1,2\n3,4,5\n", ",", "s.csv")).toThrow(/3 fields on line 3, but its header has 2/);
  });
});
