import { commentJobLabels } from "./query-comment";

describe("commentJobLabels", () => {
  it("takes a JSON object's keys, with values as dbt prints them", () => {
    expect(commentJobLabels('{"app": "dbt", "node_id": "model.p.m", "threads": 4, "full_refresh": false, "extra": null}')).toEqual({
      app: "dbt",
      node_id: "model.p.m",
      threads: "4",
      full_refresh: "False",
      extra: "None",
    });
  });

  it("takes any other text as one query_comment label", () => {
    expect(commentJobLabels("run by ann")).toEqual({ query_comment: "run by ann" });
    expect(commentJobLabels("[1, 2]")).toEqual({ query_comment: "[1, 2]" });
    expect(commentJobLabels("42")).toEqual({ query_comment: "42" });
  });
});
