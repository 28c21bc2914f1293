import { Relation } from "./relation";
import { relationFlavour } from "./relation-flavour";

const quote = (id: string) => `"${id}"`;
const pg = relationFlavour("postgres");
const m1 = () => new Relation({ database: "test", schema: "rel_helper", identifier: "m1" }, quote, {}, pg);

// Renderings from dbt-core 1.10.23 + dbt-postgres 1.9.0 for the same relation and calls.
describe("Relation (dbt's BaseRelation)", () => {
  it("renders included parts, quoted as the policy says", () => {
    expect(m1().render()).toBe('"test"."rel_helper"."m1"');
    expect(m1().quote({ identifier: false }).render()).toBe('"test"."rel_helper".m1');
    expect(m1().include({ database: false }).render()).toBe('"rel_helper"."m1"');
    expect(m1().withoutIdentifier().render()).toBe('"test"."rel_helper"');
    expect(m1().withoutIdentifier().path.identifier).toBeNull();
    expect(m1().incorporate({ path: { schema: null } }).render()).toBe('"test"."m1"');
    expect(m1().informationSchema("tables").render()).toBe('"test".INFORMATION_SCHEMA.tables');
  });

  it("keeps TypeScript callers' strings: an empty part is absent, schema/identifier read as ''", () => {
    const cte = new Relation({ schema: "", identifier: "__dbt__cte__x", type: "cte" }, quote, { identifier: false });
    expect(cte.render()).toBe("__dbt__cte__x");
    expect(cte.schema).toBe("");
    expect(cte.is_cte).toBe(true);
  });

  it("compares by class and fields, and carries the adapter's class name and renameable types", () => {
    expect(m1().equals(m1())).toBe(true);
    expect(m1().equals(m1().incorporate({ type: "table" }))).toBe(false);
    expect(m1().equals(new Relation({ database: "test", schema: "rel_helper", identifier: "m1" }, quote))).toBe(false);
    expect(m1().className).toBe("PostgresRelation");
    expect(m1().incorporate({ type: "view" }).can_be_renamed).toBe(true);
    expect(m1().toDict()).toMatchObject({ path: { database: "test", schema: "rel_helper", identifier: "m1" }, type: null, quote_character: '"', dbt_created: false, limit: null, require_alias: true });
  });
});
