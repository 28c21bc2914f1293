import { defineDialect } from "@tsdbt/adapter-api";
import { parseCsv } from "./csv-reader";
import { inferColumnKinds, seedColumns } from "./infer-column-types";

const kindsOf = (csv: string) => inferColumnKinds(parseCsv(csv, ",", "t.csv"));

describe("inferColumnKinds", () => {
  it("infers integer, float, boolean, date, timestamp and text per column", () => {
    const csv = "i,f,b,d,ts,iso,t\n1,1.5,true,2024-01-31,2024-01-31 10:00:00,2024-01-31T10:00:00.5,x\n-2,3,FALSE,2023-12-01,2024-02-01 00:00:00,2024-02-01T00:00,1\n";
    expect(kindsOf(csv)).toEqual(["integer", "float", "boolean", "date", "timestamp", "timestamp", "text"]);
  });

  // dbt-core 1.10 + dbt-postgres seed an all-empty column as integer
  it("treats empty cells as null: they never change a column's kind, and an all-empty column is integer", () => {
    expect(kindsOf("a,b\n1,\n,\n3,\n")).toEqual(["integer", "integer"]);
  });

  // dbt-core 1.10 + dbt-postgres: `null`/`NULL`/blank cells are NULL, so these columns are integer; `None` is text
  it("treats null, NULL and blank cells as null too", () => {
    expect(kindsOf("a,b,c\nnull,NULL,None\n1, ,1\n")).toEqual(["integer", "integer", "text"]);
  });

  // dbt-core 1.10's agate types (oracle): dates with timestamps, `YYYY-MM-DD hh:mm:ss` with ISO `T`
  // timestamps, and fractions of seconds without the `T` are text
  it("widens integers and decimals to float; mixes of dates and timestamps or of timestamp forms are text", () => {
    expect(kindsOf("n,t,m,fr,x\n1,2024-01-01,2024-01-02 03:04:05,2024-01-02 03:04:05.123,1\n2.5,2024-01-02 03:04:05,2024-02-03T10:00:00,2024-01-02 03:04:06.5,abc\n")).toEqual(["float", "text", "text", "text", "text"]);
  });

  it("does not take impossible dates for dates", () => {
    expect(kindsOf("d\n2024-02-30\n")).toEqual(["text"]);
  });

  it("takes dates of years before 1000 for dates, as dbt does (0043-02-29 is impossible: 43 is no leap year)", () => {
    expect(kindsOf("d,e\n0043-01-01,0043-02-29\n0250-06-01,0044-02-29\n")).toEqual(["date", "text"]);
  });

  // dbt-core 1.10 + dbt-postgres (test/seed-inference-oracle.test.ts): agate's numbers, whole unless a value has decimals once trailing zeros go
  it("reads formatted numbers as agate does and types them as dbt-postgres does", () => {
    expect(kindsOf("a,b,c,d,e,f,g\n\"1,000\",$5,5%,1.0,1e3,NaN,(5)\n3,$10.50,0.5%,2.0,2,1.5,3\n")).toEqual(["integer", "float", "float", "integer", "integer", "float", "text"]);
  });

  it("takes ISO timestamps with a zone, and leaves zoned ones written with a blank as text", () => {
    expect(kindsOf("a,b\n2024-01-01T10:00:00+02:00,2024-01-01 10:00:00+02:00\n2024-01-02T11:30Z,2024-01-02 11:30:00Z\n")).toEqual(["timestamp", "text"]);
  });

  it("uses a big integer type for whole numbers beyond 32 bits", () => {
    expect(kindsOf("id\n1\n3000000000\n")).toEqual(["bigint"]);
  });
});

describe("seedColumns", () => {
  it("maps kinds to the dialect's types and applies column_types overrides by name", () => {
    const table = parseCsv("ID,amount,code\n1,2.5,007\n", ",", "t.csv");
    const columns = seedColumns(table.header, inferColumnKinds(table), defineDialect({ parserDialect: "postgresql" }), { code: "varchar(3)" });
    expect(columns).toEqual([
      { name: "ID", dataType: "integer", index: 1 },
      { name: "amount", dataType: "double precision", index: 2 },
      { name: "code", dataType: "varchar(3)", index: 3 },
    ]);
  });
});
