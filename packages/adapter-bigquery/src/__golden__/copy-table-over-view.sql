drop view if exists `proj`.`analytics`.`m`;

-- copy job (WRITE_TRUNCATE, CREATE_IF_NEEDED): proj.analytics.orders_2024, proj.analytics.orders_2025, proj.raw.orders_2023 -> proj.analytics.m;
