{#
  Loyalty tier of a customer from a money expression: 'Gold' strictly above the
  threshold (1000 by default), 'Silver' otherwise.
#}
{% macro loyalty_tier(amount_column, threshold=1000) -%}
    case when {{ amount_column }} > {{ threshold }} then 'Gold' else 'Silver' end
{%- endmacro %}
