import type { Manifest } from "../../manifest/types";
import {
  dependsOn,
  emptyManifest,
  makeExposure,
  makeGenericTest,
  makeNode,
  makeSource,
  withEntries,
} from "./manifest-factory";

/**
 * A small shop project used across graph and selection tests:
 *
 * raw.orders → stg_orders ─┐
 * raw.payments → stg_payments ─┴→ orders ─┐
 * raw.customers → stg_customers ───────────┴→ customers → customer_country ← country_codes (seed)
 * plus tests on orders/customers, a singular test on stg_payments, a snapshot of stg_orders,
 * an exposure on customers + orders and a model from package `utils`.
 */
export function shopManifest(): Manifest {
  return withEntries(emptyManifest(), [
    makeSource("raw", "orders"),
    makeSource("raw", "customers", { tags: ["pii"] }),
    makeSource("raw", "payments"),
    makeNode("country_codes", { resource_type: "seed", path: "country_codes.csv" }),
    makeNode("stg_orders", { path: "staging/stg_orders.sql", config: { tags: ["staging", "nightly"] }, depends_on: dependsOn("source.shop.raw.orders") }),
    makeNode("stg_customers", { path: "staging/stg_customers.sql", config: { tags: ["staging"] }, depends_on: dependsOn("source.shop.raw.customers") }),
    makeNode("stg_payments", { path: "staging/stg_payments.sql", config: { tags: ["staging", "finance"] }, depends_on: dependsOn("source.shop.raw.payments") }),
    makeNode("orders", {
      path: "marts/orders.sql",
      config: { materialized: "table", tags: ["finance"], persist_docs: { relation: true } },
      group: "finance",
      access: "public",
      depends_on: dependsOn("model.shop.stg_orders", "model.shop.stg_payments"),
    }),
    makeNode("customers", {
      path: "marts/customers.sql",
      config: { materialized: "table", contract: { enforced: true } },
      access: "protected",
      depends_on: { macros: ["macro.shop.cents_to_dollars"], nodes: ["model.shop.stg_customers", "model.shop.orders"] },
    }),
    makeNode("customer_country", { path: "marts/customer_country.sql", config: { materialized: "incremental" }, depends_on: dependsOn("model.shop.customers", "seed.shop.country_codes") }),
    makeNode("orders_snapshot", { resource_type: "snapshot", path: "orders_snapshot.sql", depends_on: dependsOn("model.shop.stg_orders") }),
    makeNode("calendar", { package_name: "utils", depends_on: dependsOn() }),
    makeGenericTest("unique", "model.shop.orders"),
    makeGenericTest("not_null", "model.shop.customers"),
    makeGenericTest("relationships", "model.shop.orders", ["model.shop.customers"], {
      test_metadata: { name: "relationships", kwargs: {}, namespace: null },
    }),
    makeGenericTest("expression_is_true", "model.shop.customer_country", [], {
      test_metadata: { name: "expression_is_true", kwargs: {}, namespace: "dbt_utils" },
    }),
    makeNode("assert_positive_payments", { resource_type: "test", depends_on: dependsOn("model.shop.stg_payments") }),
    makeExposure("weekly_dashboard", ["model.shop.customers", "model.shop.orders"]),
  ]);
}
