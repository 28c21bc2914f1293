/**
 * Cases an engine (or a local stand-in for it) cannot run, each with the reason: the key is a
 * piece of a test's title (e.g. `"rolls the whole update back"`), the value why it is skipped.
 */
export type SkippedCases = Readonly<Record<string, string>>;

type It = jest.It;

/**
 * Runs `register` (which declares the suite's tests) with jest's `it` replaced by one that
 * declares every test whose title contains a key of `skips` as skipped, with
 * `(skipped: <reason>)` added to its title, so the report says which case was left out and why.
 * `it.each` tables are skipped as a whole.
 */
export function withSkippedCases(skips: SkippedCases | undefined, register: () => void): void {
  if (!skips || Object.keys(skips).length === 0) {
    register();
    return;
  }
  const original = globalThis.it;
  const reasonFor = (title: string) => Object.entries(skips).find(([piece]) => title.includes(piece))?.[1];
  const skipping = ((title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
    const reason = reasonFor(title);
    return reason ? original.skip(`${title} (skipped: ${reason})`, fn, timeout) : original(title, fn, timeout);
  }) as It;
  Object.assign(skipping, original, {
    each: (table: never) => (title: string, fn: never, timeout?: number) => {
      const reason = reasonFor(title);
      return reason ? original.skip.each(table)(`${title} (skipped: ${reason})`, fn, timeout) : original.each(table)(title, fn, timeout);
    },
  });
  globalThis.it = skipping;
  try {
    register();
  } finally {
    globalThis.it = original;
  }
}
