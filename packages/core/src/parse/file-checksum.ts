import { createHash } from "node:crypto";
import type { ProjectFile } from "../project/discover-files";

/** The characters Python's `str.strip()` removes (its whitespace; not the BOM, which JavaScript's `trim` removes). */
const PY_WHITESPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const EDGES = new RegExp(`^[${PY_WHITESPACE}]+|[${PY_WHITESPACE}]+$`, "g");

/** dbt records a seed bigger than this (1 MiB) by its path, without hashing it. */
export const MAX_HASHED_SEED_BYTES = 1024 * 1024;

/** `contents` without the whitespace at its ends, as Python's `str.strip()` leaves it. */
export function pyStrip(contents: string): string {
  return contents.replace(EDGES, "");
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
