select * from {{ ref('base') }} join {{ source('raw', 'things') }} using (id)
