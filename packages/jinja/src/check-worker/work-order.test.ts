import { workOrder } from "./work-order";

test("templates to render first, each followed by the macros it mentions (depth first, through adapter prefixes), then the other macros", () => {
  const toCheck = [
    "{% macro unused() %}x{% endmacro %}", // 0
    "{% macro default__star(r) %}{{ get_columns(r) }}{% endmacro %}", // 1
    "{% macro star(r) %}{{ return(adapter.dispatch('star')(r)) }}{% endmacro %}", // 2
    "{%- macro get_columns(r) -%}{{ star(r) }} {{ type_string() }}{%- endmacro -%}", // 3: mentions star again (no loop)
    "{% test not_null(model, column_name) %}x{% endtest %}", // 4
    "plain text", // 5: not a macro
  ];
  // 6 and 7
  const toRender = ["select {{ dbt_utils.star(ref('a')) }}", "select {{ not_null }}"];
  // 8 and 9: compiled only when mentioned
  const callable = ["{% macro type_string() %}text{% endmacro %}", "{% macro type_int() %}int{% endmacro %}"];
  expect(workOrder(toCheck, toRender)).toEqual([6, 1, 3, 2, 7, 4, 0, 5]);
  expect(workOrder(toCheck, toRender, callable)).toEqual([6, 1, 3, 2, 8, 7, 4, 0, 5]);
});
