import * as fs from "node:fs";
import * as path from "node:path";
import type { ProjectFile } from "../../project/discover-files";
import { parseYaml } from "../../yaml/parse-yaml";
import { readNodePatches, type NodePatch } from "../properties";
import { readOnePatch } from "./one-patch";

const EXAMPLE = path.resolve(__dirname, "../../../../../example-project/models");

function fileOf(contents: string): ProjectFile {
  return { kind: "properties", packageName: "pkg", path: "models/schema.yml", root: "models", pathInRoot: "schema.yml", absolutePath: "/x/models/schema.yml", contents, checksum: "", size: contents.length, mtimeMs: 0 };
}

/** A patch without where it sat in the file (reading one entry numbers it 0). */
const located = (p: NodePatch | undefined) => p && { ...p, path: undefined, tests: p.tests.map((t) => ({ ...t, path: t.path.slice(2) })) };

function expectSameAsWholeFile(contents: string): number {
  const file = fileOf(contents);
  const whole = readNodePatches({ packageName: "pkg", parsed: parseYaml(contents, file.path) }, []);
  for (const p of whole.filter((w) => w.kind === "model" || w.kind === "analysis")) expect(located(readOnePatch(file, p.kind, p.name))).toEqual(located(p));
  return whole.length;
}

describe("reading one node's properties entry", () => {
  it("gives what reading the whole file gives when a block scalar ends the file (dbt strips the file's end)", () => {
    const contents = "version: 2\nmodels:\n  - name: a\n    description: |\n      kept\n  - name: b\n    columns:\n      - name: id\n        description: |\n          last\n\n";
    expect(expectSameAsWholeFile(contents)).toBe(2);
    expect(readOnePatch(fileOf(contents), "model", "b")!.columns.id!.description).toBe("last");
    expect(readOnePatch(fileOf(contents), "model", "a")!.description).toBe("kept\n");
  });

  it("gives what reading the whole file gives, for every model of the example project", () => {
    let count = 0;
    for (const dir of ["staging", "intermediate", "marts"]) count += expectSameAsWholeFile(fs.readFileSync(path.join(EXAMPLE, dir, "schema.yml"), "utf8"));
    expect(count).toBeGreaterThan(5);
  });

  it("handles quoted names, comments, block scalars, flow lists and a following section", () => {
    const yaml = [
      "version: 2",
      "models:",
      "  - name: 'first'",
      "    description: |",
      "      Two lines",
      "",
      "      of text.",
      "    # a comment",
      "    config: {materialized: table, tags: [a, b]}",
      "    columns:",
      "      - name: id",
      "        data_tests: [unique, not_null]",
      "  - name: second",
      "    description: >",
      "      folded",
      "seeds:",
      "  - name: third",
      "analyses:",
      "  - name: adhoc",
      "    description: an analysis",
      "",
    ].join("\n");
    expect(expectSameAsWholeFile(yaml)).toBe(4);
  });

  it("reads the whole file when entries share anchors", () => {
    const yaml = ["version: 2", "models:", "  - name: a", "    config: &shared", "      materialized: table", "  - name: b", "    config: *shared", ""].join("\n");
    expect(readOnePatch(fileOf(yaml), "model", "b")?.config).toEqual({ materialized: "table" });
    expectSameAsWholeFile(yaml);
  });
});
