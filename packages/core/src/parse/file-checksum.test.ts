import { createHash } from "node:crypto";
import type { ProjectFile } from "../project/discover-files";
import { dbtFileChecksum } from "./file-checksum";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
function file(contents: string, size = Buffer.byteLength(contents)): ProjectFile {
  return { kind: "seed", packageName: "p", path: "seeds/big.csv", root: "seeds", pathInRoot: "big.csv", absolutePath: "/p/seeds/big.csv", contents, checksum: sha(contents), size, mtimeMs: 0 };
}

// expected values: what dbt-core 1.10 recorded for the same files (oracle)
describe("a node's checksum, as dbt records it", () => {
  it("hashes the file's text without the whitespace Python's strip() removes at its ends", () => {
    expect(dbtFileChecksum(file("\n\n  select 1 as x  \n\n"), "model")).toEqual({ name: "sha256", checksum: sha("select 1 as x") });
    expect(dbtFileChecksum(file("select 1 as x\r\n"), "model").checksum).toBe(sha("select 1 as x"));
    // form feed and \x1c are whitespace to Python; a byte-order mark is not
    expect(dbtFileChecksum(file("\x0cselect 1 as x\x1c\n"), "model").checksum).toBe(sha("select 1 as x"));
    expect(dbtFileChecksum(file("\ufeffselect 1 as x\n"), "model").checksum).toBe(sha("\ufeffselect 1 as x"));
    expect(dbtFileChecksum(file("select 1"), "model").checksum).toBe(sha("select 1"));
    // Unicode's blanks too (as Python's str.isspace), not a zero-width space; blanks inside stay
    expect(dbtFileChecksum(file("\u3000\x85select\n  1\u2028\u00a0\u1680"), "model").checksum).toBe(sha("select\n  1"));
    expect(dbtFileChecksum(file("\u200bselect 1\u200b"), "model").checksum).toBe(sha("\u200bselect 1\u200b"));
    expect(dbtFileChecksum(file(" \t\n "), "model").checksum).toBe(sha(""));
  });

  it("records a seed over 1 MiB by its path, one of exactly 1 MiB by its hash", () => {
    expect(dbtFileChecksum(file("a\n1\n", 1048577), "seed")).toEqual({ name: "path", checksum: "seeds/big.csv" });
    expect(dbtFileChecksum(file("a\n1\n", 1048576), "seed")).toEqual({ name: "sha256", checksum: sha("a\n1") });
    // (a model's size does not matter)
    expect(dbtFileChecksum(file("select 1\n", 2 << 20), "model").name).toBe("sha256");
  });
});
