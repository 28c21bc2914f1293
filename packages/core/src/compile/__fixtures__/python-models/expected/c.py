import pandas as pd

def helper(x):
    return x

def model(dbt, session):
    dbt.config(materialized = "incremental", unique_key=['id'], meta={"owner": "me", "n": 1.5, "ok": True, "none": None})
    x = dbt.config.get("unique_key")
    y = dbt.config.get("alias", "zz")
    src = dbt.source("raw", "orders")
    other = dbt.ref("a") if False else dbt.ref('p', 'a')
    return src


# This part is user provided model code
# you will need to copy the next section to run the code
# COMMAND ----------
# this part is dbt logic for get ref work, do not modify

def ref(*args, **kwargs):
    refs = {"a": "\"test\".\"lead_pyo\".\"a\"", "p.a": "\"test\".\"lead_pyo\".\"a\""}
    key = '.'.join(args)
    version = kwargs.get("v") or kwargs.get("version")
    if version:
        key += f".v{version}"
    dbt_load_df_function = kwargs.get("dbt_load_df_function")
    return dbt_load_df_function(refs[key])


def source(*args, dbt_load_df_function):
    sources = {"raw.orders": "\"test\".\"raw_s\".\"orders\""}
    key = '.'.join(args)
    return dbt_load_df_function(sources[key])


config_dict = {'unique_key': ['id'], 'alias': 'zz'}
meta_dict = {}


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
    database = "test"
    schema = "lead_pyo"
    identifier = "c"
    
    def __repr__(self):
        return '"test"."lead_pyo"."c"'


class dbtObj:
    def __init__(self, load_df_function) -> None:
        self.source = lambda *args: source(*args, dbt_load_df_function=load_df_function)
        self.ref = lambda *args, **kwargs: ref(*args, **kwargs, dbt_load_df_function=load_df_function)
        self.config = config
        self.this = this()
        self.is_incremental = False

# COMMAND ----------


