import { agateTable } from "./agate-table";

/**
 * print_table() and print_csv() of a query result. Expected: what dbt-core 1.10.23 printed on
 * PostgreSQL for the same query (`select 1 as id, 'alpha' as name, 2.5 as amount, null as nothing,
 * true as flag, date '2024-01-02' as d union all select 22, 'a much longer name than twenty chars',
 * -3.25, null, false, date '2024-12-31' order by 1`), the values as tsdbt's PostgreSQL adapter gives them.
 */
function printed(call: (table: Record<string, unknown>) => void): string[] {
  const lines: string[] = [];
  const table = agateTable(
    {
      columns: [
        { name: "id", type: "integer" },
        { name: "name", type: "text" },
        { name: "amount", type: "numeric" },
        { name: "nothing", type: "text" },
        { name: "flag", type: "boolean" },
        { name: "d", type: "date" },
      ],
      rows: [
        { id: 1, name: "alpha", amount: "2.5", nothing: null, flag: true, d: "2024-01-02" },
        { id: 22, name: "a much longer name than twenty chars", amount: "-3.25", nothing: null, flag: false, d: "2024-12-31" },
      ],
    },
    (text) => lines.push(...text.split("\n")),
  ) as unknown as Record<string, unknown>;
  call(table);
  return lines;
}

describe("agate tables print as agate prints them", () => {
  it("print_table(): numbers with the column's decimals, right-aligned with booleans and dates; text cut at 20 characters", () => {
    expect(printed((t) => (t.print_table as () => void)())).toEqual([
      "| id | name                 | amount | nothing |  flag |          d |",
      "| -- | -------------------- | ------ | ------- | ----- | ---------- |",
      "|  1 | alpha                |   2.50 |         |  True | 2024-01-02 |",
      "| 22 | a much longer nam... |  -3.25 |         | False | 2024-12-31 |",
    ]);
  });

  it("print_table(max_rows=1, max_columns=2): a ... column and a ... row for what is left out", () => {
    expect(printed((t) => (t.print_table as (...a: unknown[]) => void)({ max_rows: 1, max_columns: 2, __keywords: true }))).toEqual([
      "| id | name  | ... |",
      "| -- | ----- | --- |",
      "|  1 | alpha | ... |",
      "| ... | ...   | ... |",
    ]);
  });

  it("print_csv(): the values as Python's csv module writes them", () => {
    expect(printed((t) => (t.print_csv as () => void)())).toEqual(["id,name,amount,nothing,flag,d", "1,alpha,2.5,,True,2024-01-02", "22,a much longer name than twenty chars,-3.25,,False,2024-12-31"]);
  });
});

describe("print_table() of float columns and explicit None limits (dbt_profiler's print_profile)", () => {
  // select 0.816496580927726::float8 as x, 264::float8 as h, 3 as n, 'abcdefghijklmnopqrstuvwxyz' as s
  // union all select 1.5, 2, 4, 'b' — printed by dbt-core 1.10.23 on PostgreSQL
  const print = (kwargs?: Record<string, unknown>): string[] => {
    const lines: string[] = [];
    const table = agateTable(
      {
        columns: [
          { name: "x", type: "double precision" },
          { name: "h", type: "double precision" },
          { name: "n", type: "integer" },
          { name: "s", type: "text" },
        ],
        rows: [
          { x: 0.816496580927726, h: 264, n: 3, s: "abcdefghijklmnopqrstuvwxyz" },
          { x: 1.5, h: 2, n: 4, s: "b" },
        ],
      },
      (text) => lines.push(...text.split("\n")),
    ) as unknown as Record<string, (...a: unknown[]) => void>;
    if (kwargs) table.print_table({ ...kwargs, __keywords: true });
    else table.print_table();
    return lines;
  };
  it("cuts a column's decimals to max_precision with an ellipsis on each number; whole floats print without decimals", () => {
    expect(print()).toEqual([
      "|      x |   h | n | s                    |",
      "| ------ | --- | - | -------------------- |",
      "| 0.816… | 264 | 3 | abcdefghijklmnopq... |",
      "| 1.500… |   2 | 4 | b                    |",
    ]);
  });
  it("max_precision=None, max_columns=None, max_rows=None: no limit", () => {
    expect(print({ max_precision: null, max_columns: null, max_rows: null })).toEqual([
      "|                 x |   h | n | s                    |",
      "| ----------------- | --- | - | -------------------- |",
      "| 0.816496580927726 | 264 | 3 | abcdefghijklmnopq... |",
      "| 1.500000000000000 |   2 | 4 | b                    |",
    ]);
  });
});
