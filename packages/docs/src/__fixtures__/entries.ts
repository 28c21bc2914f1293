import type { SiteEntry } from "../shared/site-data";

/** A site entry with defaults for tests. */
export function entry(fields: Partial<SiteEntry> & { name: string }): SiteEntry {
  const type = fields.type ?? "model";
  return {
    id: fields.id ?? `${type}.shop.${fields.name}`,
    type,
    pkg: "shop",
    path: `models/${fields.name}.sql`,
    fqn: ["shop", fields.name],
    desc: "",
    db: "db",
    schema: "main",
    rel: fields.name,
    mat: "view",
    tags: [],
    cols: [],
    parents: [],
    macros: [],
    ...fields,
  };
}

/**
 * raw_orders (source) → stg_orders → orders → revenue; stg_customers → orders;
 * a test on orders; a macro.
 */
export function shopEntries(): SiteEntry[] {
  return [
    entry({ name: "orders", id: "source.shop.raw.orders", type: "source", path: "models/sources.yml", fqn: ["shop", "raw", "orders"], rel: "orders", mat: null }),
    entry({ name: "stg_orders", path: "models/staging/stg_orders.sql", fqn: ["shop", "staging", "stg_orders"], parents: [0], tags: ["staging"], cols: [{ name: "order_id", desc: "The order.", type: "INTEGER", tests: [] }] }),
    entry({ name: "stg_customers", path: "models/staging/stg_customers.sql", fqn: ["shop", "staging", "stg_customers"], tags: ["staging", "pii"], desc: "Customers, one row per person." }),
    entry({ name: "orders", path: "models/marts/orders.sql", fqn: ["shop", "marts", "orders"], parents: [1, 2], mat: "table", desc: "Orders with **customer** data.", cols: [{ name: "amount_usd", desc: "Amount in dollars", type: "DOUBLE", tests: [4] }] }),
    entry({ name: "not_null_orders_amount_usd", type: "test", path: "models/marts/schema.yml", fqn: ["shop", "marts", "not_null_orders_amount_usd"], parents: [3], attached: 3, column: "amount_usd", testName: "not_null", rel: null, mat: "test" }),
    entry({ name: "revenue", path: "models/marts/revenue.sql", fqn: ["shop", "marts", "revenue"], parents: [3], mat: "incremental", tags: ["nightly"] }),
    entry({ name: "cents_to_dollars", type: "macro", path: "macros/cents.sql", fqn: ["shop", "cents_to_dollars"], rel: null, mat: null }),
  ];
}
