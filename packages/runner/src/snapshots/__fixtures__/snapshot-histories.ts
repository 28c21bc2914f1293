/**
 * The history every snapshot kind of the shared scenario must hold after each of its four source
 * states (the same rows through the runner in-process and through the CLI end to end): each row
 * as `id name valid_from..valid_to`, `T1`… for the snapshot's own clock. `histories()` gives, per
 * state, the rows of each snapshot by name; `keyed` names the snapshot with a unique_key list.
 */
export function expectSnapshotHistories(histories: () => Record<string, unknown>[], keyed: { snapshot: string; title: string }): void {
  it("timestamp strategy, hard deletes ignored", () => {
    expect(histories().map((h) => h.ts_ignore)).toEqual([
      ["1 ann 2024-01-01..null", "2 bob 2024-01-01..null", "3 cy 2024-01-01..null"],
      ["1 ann 2024-01-01..2024-02-01", "1 ann2 2024-02-01..null", "2 bob 2024-01-01..null", "3 cy 2024-01-01..null", "4 dee 2024-02-01..null"],
      ["1 ann 2024-01-01..2024-02-01", "1 ann2 2024-02-01..null", "2 bob 2024-01-01..2024-03-01", "2 bob 2024-03-01..null", "3 cy 2024-01-01..null", "4 dee 2024-02-01..null"],
      ["1 ann 2024-01-01..2024-02-01", "1 ann2 2024-02-01..null", "2 bob 2024-01-01..2024-03-01", "2 bob 2024-03-01..null", "3 cy 2024-01-01..null", "4 dee 2024-02-01..null"],
    ]);
  });

  it("timestamp strategy, hard deletes invalidated (legacy invalidate_hard_deletes)", () => {
    const step3 = ["1 ann 2024-01-01..2024-02-01", "1 ann2 2024-02-01..null", "2 bob 2024-01-01..T2", "2 bob 2024-03-01..null", "3 cy 2024-01-01..null", "4 dee 2024-02-01..null"];
    expect(histories().map((h) => h.ts_invalidate)).toEqual([
      ["1 ann 2024-01-01..null", "2 bob 2024-01-01..null", "3 cy 2024-01-01..null"],
      ["1 ann 2024-01-01..2024-02-01", "1 ann2 2024-02-01..null", "2 bob 2024-01-01..T2", "3 cy 2024-01-01..null", "4 dee 2024-02-01..null"],
      step3,
      step3,
    ]);
  });

  it("timestamp strategy, hard deletes as new records", () => {
    const step3 = [
      "1 ann 2024-01-01..2024-02-01 False",
      "1 ann2 2024-02-01..null False",
      "2 bob 2024-01-01..T2 False",
      "2 bob 2024-03-01..null False",
      "2 bob T2..T3 True",
      "3 cy 2024-01-01..null False",
      "4 dee 2024-02-01..null False",
    ];
    expect(histories().map((h) => h.ts_new_record)).toEqual([
      ["1 ann 2024-01-01..null False", "2 bob 2024-01-01..null False", "3 cy 2024-01-01..null False"],
      ["1 ann 2024-01-01..2024-02-01 False", "1 ann2 2024-02-01..null False", "2 bob 2024-01-01..T2 False", "2 bob T2..null True", "3 cy 2024-01-01..null False", "4 dee 2024-02-01..null False"],
      step3,
      step3,
    ]);
  });

  it("check strategy on listed columns, hard deletes invalidated", () => {
    const step3 = ["1 ann T1..T2", "1 ann2 T2..null", "2 bob T1..T2", "2 bob T3..null", "3 cy T1..null", "4 dee T2..null"];
    expect(histories().map((h) => h.check_invalidate)).toEqual([
      ["1 ann T1..null", "2 bob T1..null", "3 cy T1..null"],
      ["1 ann T1..T2", "1 ann2 T2..null", "2 bob T1..T2", "3 cy T1..null", "4 dee T2..null"],
      step3,
      step3,
    ]);
  });

  it("check strategy on all columns, hard deletes as new records", () => {
    const step3 = ["1 ann T1..T2 False", "1 ann2 T2..null False", "2 bob T1..T2 False", "2 bob T2..T3 True", "2 bob T3..null False", "3 cy T1..null False", "4 dee T2..null False"];
    expect(histories().map((h) => h.check_all_new_record)).toEqual([
      ["1 ann T1..null False", "2 bob T1..null False", "3 cy T1..null False"],
      ["1 ann T1..T2 False", "1 ann2 T2..null False", "2 bob T1..T2 False", "2 bob T2..null True", "3 cy T1..null False", "4 dee T2..null False"],
      step3,
      step3,
    ]);
  });

  it(`${keyed.title}unique_key list, renamed meta columns, dbt_valid_to_current`, () => {
    // the key is (id, name): ann2 is a new key, so ann's version is closed as deleted
    const step3 = ["1 ann T1..T2", "1 ann2 T2..9999-12-31", "2 bob T1..T2", "2 bob T3..9999-12-31", "3 cy T1..9999-12-31", "4 dee T2..9999-12-31"];
    expect(histories().map((h) => h[keyed.snapshot])).toEqual([
      ["1 ann T1..9999-12-31", "2 bob T1..9999-12-31", "3 cy T1..9999-12-31"],
      ["1 ann T1..T2", "1 ann2 T2..9999-12-31", "2 bob T1..T2", "3 cy T1..9999-12-31", "4 dee T2..9999-12-31"],
      step3,
      step3,
    ]);
  });
}
