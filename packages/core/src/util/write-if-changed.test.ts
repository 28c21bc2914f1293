import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ChangedFileWriter } from "./write-if-changed";

describe("ChangedFileWriter", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-writer-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes in the background, in order per file, and leaves unchanged files alone", async () => {
    const same = path.join(dir, "a", "same.sql");
    fs.mkdirSync(path.dirname(same), { recursive: true });
    fs.writeFileSync(same, "select 1");
    const before = fs.statSync(same).ino;
    const writer = new ChangedFileWriter();
    writer.writeInBackground(same, "select 1");
    for (let i = 0; i < 20; i++) writer.writeInBackground(path.join(dir, "b", "c", "x.sql"), `select ${i}`);
    await writer.settled();
    expect(fs.statSync(same).ino).toBe(before);
    expect(fs.readFileSync(path.join(dir, "b", "c", "x.sql"), "utf8")).toBe("select 19");
  });

  it("reports a write that failed", async () => {
    fs.writeFileSync(path.join(dir, "file"), "");
    const writer = new ChangedFileWriter();
    writer.writeInBackground(path.join(dir, "file", "below-a-file.sql"), "x");
    await expect(writer.settled()).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
