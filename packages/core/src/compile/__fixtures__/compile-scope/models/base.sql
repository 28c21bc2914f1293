select 1 as id, 'placed' as status
