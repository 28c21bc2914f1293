select 'pro' as sku, 'placed' as status
