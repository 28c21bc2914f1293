import { checkSeedHeader } from "./seed-header";

const check = (text: string, delimiter = ",") => checkSeedHeader(text, delimiter, "seeds/s.csv", "seed.p.s");

test.each([
  ["", 1, /is empty/],
  ["\nid\n1\n", 1, /first line of seed seeds\/s.csv is blank/],
  ["id,,name\n", 4, /Column 2 of seed seeds\/s.csv has no name/],
  ["id,name,\n", 9, /Column 3 .* has no name/],
  ["id,ID\n", 4, /names two columns 'ID' \(columns 1 and 2/],
  ['"a,b",x,"a,b"\n', 9, /names two columns 'a,b'/],
])("%j: TSDBT-E064 at 1:%d", (text, col, message) => {
  expect(check(text)).toMatchObject({ code: "TSDBT-E064", file: "seeds/s.csv", line: 1, col, nodeId: "seed.p.s", message: expect.stringMatching(message) });
});

test("good headers pass, with the seed's own delimiter and a BOM", () => {
  expect(check("id,name\n1,a\n")).toBeUndefined();
  expect(check("id;name\n", ";")).toBeUndefined();
  expect(check("\ufeffid,name\n")).toBeUndefined();
  expect(check('"id","first, last"\n')).toBeUndefined();
});
