import { shopEntries } from "../__fixtures__/entries";
import { SearchIndex } from "./search-index";

describe("SearchIndex", () => {
  const entries = shopEntries();
  const index = new SearchIndex(entries);
  const found = (q: string) => index.search(q).map((h) => `${entries[h.index].type}:${entries[h.index].name}:${h.where}`);

  it("ranks exact names first, then prefixes, columns and descriptions; tests last", () => {
    expect(found("orders")[0]).toBe("model:orders:name");
    expect(found("orders")).toContain("source:orders:name");
    expect(found("orders").at(-1)).toBe("test:not_null_orders_amount_usd:name");
    expect(found("amount_usd")[0]).toBe("model:orders:column");
    expect(found("person")).toEqual(["model:stg_customers:description"]);
    expect(found("dollars")).toEqual(["macro:cents_to_dollars:name", "model:orders:column description"]);
  });

  it("needs every word to match and reports the matching column", () => {
    expect(found("revenue nightly")).toEqual(["model:revenue:name"]);
    expect(found("nightly")).toEqual(["model:revenue:tag"]);
    expect(found("stg person")).toEqual(["model:stg_customers:name"]);
    expect(index.search("order_id")[0].column).toBe("order_id");
    expect(found("")).toEqual([]);
  });
});
