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
