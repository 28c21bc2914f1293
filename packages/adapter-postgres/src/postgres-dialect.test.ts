import { postgresDialect } from "./postgres-dialect";

describe("postgresDialect.transientErrorMessages", () => {
  // PostgreSQL 15's message when two transactions create tables whose row types' array names collide
  const catalogClash = 'duplicate key value violates unique constraint "pg_type_typname_nsp_index"';

  it("calls a unique violation on a system catalog index transient, and a table's own not", () => {
    const pattern = postgresDialect.transientErrorMessages!["23505"]!;
    expect([pattern.test(catalogClash), pattern.test('duplicate key value violates unique constraint "orders_pkey"')]).toEqual([true, false]);
  });
});
