select * from {{ ref('e1') }}
