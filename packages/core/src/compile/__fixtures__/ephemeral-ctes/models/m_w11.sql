select 'with' as w, * from {{ ref('e1') }}
