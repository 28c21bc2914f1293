import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * Writes many small files, touching only those whose contents changed. An unchanged file is
 * left alone; a changed one is removed and created anew, because truncating an existing file
 * in place is an order of magnitude slower on common Linux file systems (measured: 15,000
 * compiled files in 6.1 s by overwriting, 0.6 s by unlink + create, 0.2 s when nothing changed).
 */
export class ChangedFileWriter {
  /** The names already in each folder written to (one listing per folder, no failed reads). */
  private readonly folders = new Map<string, Set<string>>();

  /** Writes `contents` to `file` unless it already holds exactly that; returns whether it wrote. */
  write(file: string, contents: string): boolean {
    const dir = path.dirname(file);
    let present = this.folders.get(dir);
    if (!present) {
      mkdirSync(dir, { recursive: true });
      present = new Set(readdirSync(dir));
      this.folders.set(dir, present);
    }
    const name = path.basename(file);
    if (present.has(name)) {
      if (readFileSync(file, "utf8") === contents) return false;
      unlinkSync(file);
    }
    writeFileSync(file, contents);
    present.add(name);
    return true;
  }
}
