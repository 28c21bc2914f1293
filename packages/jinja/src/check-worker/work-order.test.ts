import { workOrder } from "./work-order";

test("templates to render first, each followed by the macros it mentions (depth first, through adapter prefixes), then the other macros", () => {
  const toCheck = [
    "{% macro unused() %}x{% endmacro %}", // 0
    "{% macro default__star(r) %}{{ get_columns(r) }}{% endmacro %}", // 1
    "{% macro star(r) %}{{ return(adapter.dispatch('star')(r)) }}{% endmacro %}", // 2
    "{%- macro get_columns(r) -%}{{ star(r) }}{%- endmacro -%}", // 3: mentions star again (no loop)
    "{% test not_null(model, column_name) %}x{% endtest %}", // 4
    "plain text", // 5: not a macro
  ];
  const toRender = ["select {{ dbt_utils.star(ref('a')) }}", "select {{ not_null }}"];
  // 6 and 7 are the templates to render
  expect(workOrder(toCheck, toRender)).toEqual([6, 1, 3, 2, 7, 4, 0, 5]);
});
