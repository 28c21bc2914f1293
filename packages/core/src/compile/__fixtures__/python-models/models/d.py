def model(dbt, session):
    dbt.config(meta={"owner": "data-team"}, tags=["x", "y"])
    owner = dbt.config.meta_get("owner")
    missing = dbt.config.meta_get("nobody", "default")
    return dbt.ref("b")
