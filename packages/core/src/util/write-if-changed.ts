import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * Writes many small files, touching only those whose contents changed. An unchanged file is
 * left alone; a changed one is removed and created anew, because truncating an existing file
 * in place is an order of magnitude slower on common Linux file systems (measured: 15,000
 * compiled files in 6.1 s by overwriting, 0.6 s by unlink + create, 0.2 s when nothing changed).
 */
export class ChangedFileWriter {
  private readonly folders = new Set<string>();

  /** Writes `contents` to `file` unless it already holds exactly that; returns whether it wrote. */
  write(file: string, contents: string): boolean {
    const dir = path.dirname(file);
    if (!this.folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.folders.add(dir);
    }
    let existing: string | undefined;
    try {
      existing = readFileSync(file, "utf8");
    } catch {
      existing = undefined;
    }
    if (existing === contents) return false;
    if (existing !== undefined) unlinkSync(file);
    writeFileSync(file, contents);
    return true;
  }
}
