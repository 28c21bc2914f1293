{#- Python models: the code tsdbt appends to a Python model's own code when it compiles it, giving
    the model's dbt.ref(), dbt.source(), dbt.config.get() and dbt.this the relations and values they
    stand for (the text dbt-core appends; tsdbt compiles Python models but does not run them). -#}

{% macro py_script_postfix(model) %}
# This part is user provided model code
# you will need to copy the next section to run the code
# COMMAND ----------
# this part is dbt logic for get ref work, do not modify

{{ build_ref_function(model) }}
{{ build_source_function(model) }}
{{ build_config_dict(model) }}

class config:
    def __init__(self, *args, **kwargs):
        pass

    @staticmethod
    def get(key, default=None):
        return config_dict.get(key, default)

    @staticmethod
    def meta_get(key, default=None):
        return meta_dict.get(key, default)

class this:
    """dbt.this() or dbt.this.identifier"""
    database = "{{ this.database }}"
    schema = "{{ this.schema }}"
    identifier = "{{ this.identifier }}"
    {# the blank line above __repr__ keeps four spaces, as dbt's text does #}
    def __repr__(self):
        return '{{ this }}'


class dbtObj:
    def __init__(self, load_df_function) -> None:
        self.source = lambda *args: source(*args, dbt_load_df_function=load_df_function)
        self.ref = lambda *args, **kwargs: ref(*args, **kwargs, dbt_load_df_function=load_df_function)
        self.config = config
        self.this = this()
        self.is_incremental = {{ is_incremental() }}

# COMMAND ----------
{{ py_script_comment() }}
{% endmacro %}

{#- The relation each dbt.ref() of the model names, keyed as the Python code looks it up: `name`,
    `package.name`, with `.v<version>` for a pinned version. -#}
{% macro build_ref_function(model) %}
    {%- set relations = {} -%}
    {%- for entry in model.refs -%}
        {%- set key = (entry.package ~ "." ~ entry.name) if entry.package else entry.name -%}
        {%- if entry.version -%}
            {%- set key = key ~ ".v" ~ entry.version -%}
            {%- set relation = ref(entry.package, entry.name, version=entry.version) if entry.package else ref(entry.name, version=entry.version) -%}
        {%- else -%}
            {%- set relation = ref(entry.package, entry.name) if entry.package else ref(entry.name) -%}
        {%- endif -%}
        {%- do relations.update({key: resolve_model_name(relation)}) -%}
    {%- endfor -%}
def ref(*args, **kwargs):
    refs = {{ relations | tojson }}
    key = '.'.join(args)
    version = kwargs.get("v") or kwargs.get("version")
    if version:
        key += f".v{version}"
    dbt_load_df_function = kwargs.get("dbt_load_df_function")
    return dbt_load_df_function(refs[key])

{% endmacro %}

{#- The relation each dbt.source() of the model names, keyed `source_name.table_name`. -#}
{% macro build_source_function(model) %}
    {%- set relations = {} -%}
    {%- for entry in model.sources -%}
        {%- do relations.update({entry[0] ~ "." ~ entry[1]: resolve_model_name(source(entry[0], entry[1]))}) -%}
    {%- endfor -%}
def source(*args, dbt_load_df_function):
    sources = {{ relations | tojson }}
    key = '.'.join(args)
    return dbt_load_df_function(sources[key])

{% endmacro %}

{#- The values of the config keys the model reads with dbt.config.get(key, default). -#}
{% macro build_config_dict(model) %}
    {%- set values = {} -%}
    {%- set keys = model.config.get("config_keys_used") or [] -%}
    {%- set defaults = model.config.get("config_keys_defaults") or [] -%}
    {%- for key in keys -%}
        {#- `model` leaves out what is None, so an unset key gives the model's default -#}
        {%- do values.update({key: model.config.get(key, defaults[loop.index0])}) -%}
    {%- endfor -%}
config_dict = {{ values }}
meta_dict = {}
{% endmacro %}

{#- How a relation is written in the Python code's lookup tables: its rendered name. -#}
{% macro resolve_model_name(input_model_name) %}
    {{- return(adapter.dispatch('resolve_model_name', 'dbt')(input_model_name)) -}}
{% endmacro %}

{%- macro default__resolve_model_name(input_model_name) -%}
    {{- input_model_name | string -}}
{%- endmacro -%}

{#- A comment after the appended code; adapters that run Python say there how (none here). -#}
{% macro py_script_comment() %}
{% endmacro %}
