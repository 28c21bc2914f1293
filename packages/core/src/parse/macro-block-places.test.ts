import { extractBlocks } from "@tsdbt/jinja";
import { blockPlaces, blocksAt } from "./macro-block-places";

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
