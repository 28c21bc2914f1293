{{ config(materialized='ephemeral', alias='e_alias') }}
select 4 as id
