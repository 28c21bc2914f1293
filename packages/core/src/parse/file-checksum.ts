import { createHash } from "node:crypto";
import type { ProjectFile } from "../project/discover-files";

/** Whether a UTF-16 code unit is one Python's `str.strip()` removes (its whitespace; not the BOM, which JavaScript's `trim` removes). */
function isPyWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** dbt records a seed bigger than this (1 MiB) by its path, without hashing it. */
export const MAX_HASHED_SEED_BYTES = 1024 * 1024;

/** `contents` without the whitespace at its ends, as Python's `str.strip()` leaves it. */
export function pyStrip(contents: string): string {
  // scanned from both ends: a regular expression for the trailing blanks tries every run of blanks in the text
  let start = 0;
  let end = contents.length;
  while (start < end && isPyWhitespace(contents.charCodeAt(start))) start++;
  while (end > start && isPyWhitespace(contents.charCodeAt(end - 1))) end--;
  return start === 0 && end === contents.length ? contents : contents.slice(start, end);
}

/**
 * A node's `checksum` as dbt 1.10 records it for its file: sha256 of the file's text without
 * the whitespace at its ends (Python's strip), or for a seed over 1 MiB `{name: "path"}` and the
 * file's path. (`file.checksum`, of the bytes as they are, tells partial parsing what changed.)
 */
export function dbtFileChecksum(file: ProjectFile, kind: string): { name: string; checksum: string } {
  if (kind === "seed" && file.size > MAX_HASHED_SEED_BYTES) return { name: "path", checksum: file.path };
  const contents = file.contents;
  const stripped = pyStrip(contents);
  return { name: "sha256", checksum: stripped.length === contents.length ? file.checksum : createHash("sha256").update(stripped).digest("hex") };
}
