create or replace table `proj`.`analytics`.`m`
partition by timestamp_trunc(created_at, hour)
cluster by customer_id, status
options(expiration_timestamp=timestamp_add(current_timestamp(), interval 6 hour), labels=[('team', 'finance'), ('cost-center', '42')], kms_key_name='projects/p/locations/eu/keyRings/r/cryptoKeys/k', require_partition_filter=true, partition_expiration_days=90)
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
