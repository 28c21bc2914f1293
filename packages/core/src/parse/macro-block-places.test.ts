import { extractBlocks } from "@tsdbt/jinja";
import { MacroRegistry } from "../context/macro-registry";
import type { ProjectFile } from "../project/discover-files";
import { loadMacros } from "./load-macros";
import { blockPlaces, blocksAt, macroFilesWithPlaces } from "./macro-block-places";

// A partial parse rebuilds an unchanged macro file's blocks from the places the earlier parse saved:
// they must be the blocks splitting the file gives (as loadMacros reads them).
const FILE = [
  "{# helpers #}",
  "{% macro cents(col) -%}",
  "  ({{ col }} / 100)",
  "{%- endmacro %}",
  "",
  "{%- macro twice(x) -%}",
  "  {{ x }}{{ x }}",
  "{%- endmacro -%}",
  "",
  "{% test positive(model, column_name) %}",
  "select * from {{ model }} where {{ column_name }} <= 0",
  "{% endtest %}",
  "",
  "{% materialization view_again, default %}",
  "  {{ return({'relations': []}) }}",
  "{% endmaterialization %}",
  "{% macro cents_again(col) %}({{ col }} / 100){% endmacro %}",
  "",
].join("\n");

const asStored = (b: { kind: string; name: string; line: number; col: number; written: string; source: string }) => ({ kind: b.kind, name: b.name, line: b.line, col: b.col, written: b.written, source: b.source });

it("gives back the blocks of a macro file, tests and materializations (rewritten as macros) included", () => {
  const { blocks, errors, warnings } = extractBlocks(FILE, "macros/helpers.sql");
  expect(errors).toEqual([]);
  expect(warnings).toEqual([]);
  expect(blocks.map((b) => b.kind)).toEqual(["macro", "macro", "test", "materialization", "macro"]);
  const places = blockPlaces(FILE, blocks)!;
  // offsets, not texts, where the file holds them; the rewritten test and materialization as text
  expect(places.filter((p) => typeof p.source === "string").map((p) => p.kind)).toEqual(["test", "materialization"]);
  const rebuilt = blocksAt(FILE, JSON.parse(JSON.stringify(places)) as typeof places).map((b) => ({ ...b, source: b.source ?? b.written }));
  expect(rebuilt).toEqual(blocks.map(asStored));
});

it("finds no places for blocks of another text", () => {
  const { blocks } = extractBlocks(FILE, "macros/helpers.sql");
  expect(blockPlaces(FILE.replace("/ 100)", "/ 1000)"), blocks)).toBeUndefined();
});

it("gives loadMacros a saved file's blocks and records the places of the files it splits", () => {
  const registry = new MacroRegistry("p", ["duckdb", "default"], []);
  // two files of one package: the second's macros renamed (one name twice in a package is an error)
  const project = (name: string): ProjectFile => {
    const contents = name === "a.sql" ? FILE : FILE.replace(/(macro|test|materialization) (\w+)/g, "$1 $2_b");
    return { kind: "macro", packageName: "p", path: `macros/${name}`, root: "macros", pathInRoot: name, absolutePath: `/p/macros/${name}`, contents, checksum: "", size: contents.length, mtimeMs: 0 };
  };
  const first = macroFilesWithPlaces([project("a.sql"), project("b.sql")], {});
  const loaded = loadMacros(first.files, registry, first.onSplit);
  expect(loaded.diagnostics).toEqual([]);
  expect(Object.keys(loaded.macros)).toHaveLength(10);
  expect(Object.keys(first.places)).toEqual(["/p/macros/a.sql", "/p/macros/b.sql"]);
  // the next parse: a.sql's blocks from its places, b.sql split again
  const again = macroFilesWithPlaces([project("a.sql"), project("b.sql")], { "/p/macros/a.sql": first.places["/p/macros/a.sql"] });
  expect(again.files[0].blocks).toBeDefined();
  expect(again.files[1].blocks).toBeUndefined();
  const reloaded = loadMacros(again.files, new MacroRegistry("p", ["duckdb", "default"], []), again.onSplit);
  const withoutTimes = (r: typeof loaded) => ({ ...r, macros: Object.fromEntries(Object.entries(r.macros).map(([id, m]) => [id, { ...m, created_at: 0 }])) });
  expect(withoutTimes(reloaded)).toEqual(withoutTimes(loaded));
  expect(again.places).toEqual(first.places);
});
