select * from {{ ref('e4') }}
