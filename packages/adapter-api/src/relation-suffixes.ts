import { createHash } from "node:crypto";

/** Suffix of the relation a build writes before swapping it in (`orders__tsdbt_tmp`). */
export const TEMP_SUFFIX = "__tsdbt_tmp";

/** Suffix the previous relation carries for the instant of a swap (`orders__tsdbt_backup`). */
export const BACKUP_SUFFIX = "__tsdbt_backup";

/** The longest prefix of `text` whose UTF-8 form has at most `bytes` bytes (never half a character). */
function cutToBytes(text: string, bytes: number): string {
  let out = "";
  let used = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * The name of a working relation of `identifier` (its temp or backup relation): `identifier` +
 * `suffix`, or, when that would exceed `maxBytes` (the engine's identifier limit, e.g. 63 on
 * PostgreSQL, which would cut it), the identifier cut short, `_`, the first 8 hex digits of its
 * MD5 and the suffix, so that two long names sharing a prefix still get distinct working names
 * and every name fits.
 */
export function suffixedIdentifier(identifier: string, suffix: string, maxBytes: number | undefined): string {
  const plain = `${identifier}${suffix}`;
  if (maxBytes === undefined || Buffer.byteLength(plain) <= maxBytes) return plain;
  const hash = createHash("md5").update(identifier).digest("hex").slice(0, 8);
  return `${cutToBytes(identifier, maxBytes - Buffer.byteLength(suffix) - hash.length - 1)}_${hash}${suffix}`;
}
