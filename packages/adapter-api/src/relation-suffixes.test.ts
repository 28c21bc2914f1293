import { BACKUP_SUFFIX, suffixedIdentifier, TEMP_SUFFIX } from "./relation-suffixes";

describe("suffixedIdentifier", () => {
  it("appends the suffix when the name fits, or when the engine has no limit", () => {
    expect(suffixedIdentifier("orders", TEMP_SUFFIX, 63)).toBe("orders__tsdbt_tmp");
    expect(suffixedIdentifier("x".repeat(80), BACKUP_SUFFIX, undefined)).toBe(`${"x".repeat(80)}__tsdbt_backup`);
  });

  it("shortens a long name to the limit, keeping two names with a common prefix apart", () => {
    const a = suffixedIdentifier(`${"m".repeat(60)}_a`, BACKUP_SUFFIX, 63);
    const b = suffixedIdentifier(`${"m".repeat(60)}_b`, BACKUP_SUFFIX, 63);
    expect([Buffer.byteLength(a), Buffer.byteLength(b)]).toEqual([63, 63]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^m{40}_[0-9a-f]{8}__tsdbt_backup$/);
  });

  it("never cuts a character in half", () => {
    const name = suffixedIdentifier("é".repeat(30), TEMP_SUFFIX, 63);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^(é){21}_[0-9a-f]{8}__tsdbt_tmp$/);
  });
});
