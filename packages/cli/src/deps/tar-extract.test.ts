import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeTree } from "./__fixtures__/package-hub";
import { extractTarball } from "./tar-extract";

describe("extractTarball", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsdbt-tar-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("unpacks a tar.gz made by tar, long paths included", () => {
    const long = `${"deep_folder_name/".repeat(8)}model_with_a_long_name.sql`;
    writeTree(path.join(dir, "src", "pkg-1.0.0"), { "dbt_project.yml": "name: pkg\n", [long]: "select 1\n" });
    for (const format of ["gnu", "posix"]) {
      const archive = path.join(dir, `${format}.tar.gz`);
      execFileSync("tar", [`--format=${format}`, "-czf", archive, "-C", path.join(dir, "src"), "pkg-1.0.0"]);
      const out = path.join(dir, `out-${format}`);
      expect(extractTarball(readFileSync(archive), out)).toEqual(["pkg-1.0.0"]);
      expect(readFileSync(path.join(out, "pkg-1.0.0", long), "utf8")).toBe("select 1\n");
      expect(readFileSync(path.join(out, "pkg-1.0.0", "dbt_project.yml"), "utf8")).toBe("name: pkg\n");
    }
  });

  it("refuses entries that would land outside the folder", () => {
    writeTree(path.join(dir, "evil"), { "x.sql": "1" });
    const archive = path.join(dir, "evil.tar");
    execFileSync("tar", ["-cf", archive, "-C", path.join(dir, "evil"), "--transform", "s,^,../,", "x.sql"]);
    expect(() => extractTarball(readFileSync(archive), path.join(dir, "out-evil"))).toThrow(/outside/);
  });
});
