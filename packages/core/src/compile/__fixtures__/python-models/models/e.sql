{{ config(tags=['sqlcall']) }} select 1 as id
