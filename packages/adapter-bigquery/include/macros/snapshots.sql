{#- A snapshot row's version id on BigQuery: md5 returns bytes and there is no varchar, so the parts
    are cast to STRING, joined with `|` (nulls as empty strings) and the digest written as hex. -#}
{% macro bigquery__snapshot_hash_arguments(args) -%}
    to_hex(md5(concat({% for part in args %}coalesce(cast({{ part }} as string), ''){{ ", '|', " if not loop.last }}{% endfor %})))
{%- endmacro %}
