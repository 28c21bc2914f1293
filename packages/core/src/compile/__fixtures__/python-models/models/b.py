def model(dbt, session):
    dbt.config(materialized="table", tags=["py"])
    df = dbt.ref("a")
    return df
