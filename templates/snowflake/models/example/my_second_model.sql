-- A second model built on the first through ref(): tsdbt works out the
-- order from these references. Built as a view (see dbt_project.yml).
select
    id,
    fruit,
    quantity
from {{ ref('my_first_model') }}
where quantity > 0
