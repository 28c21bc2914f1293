import { hasGlob, matchesGlob } from "./glob";

describe("wildcards in selection values", () => {
  it("compares exactly when the pattern has no wildcard, even with regex characters", () => {
    expect(hasGlob("stg_orders")).toBe(false);
    expect(matchesGlob("stg_orders", "stg_orders")).toBe(true);
    expect(matchesGlob("stg.orders", "stg.orders")).toBe(true);
    expect(matchesGlob("stgxorders", "stg.orders")).toBe(false);
  });

  it("* matches any run of characters, anchored at both ends", () => {
    expect(matchesGlob("stg_orders", "stg_*")).toBe(true);
    expect(matchesGlob("my_stg_orders", "stg_*")).toBe(false);
    expect(matchesGlob("stg_orders", "*_orders")).toBe(true);
    expect(matchesGlob("stg_orders_v2", "*_orders")).toBe(false);
  });

  it("escapes the characters regular expressions give a meaning to", () => {
    expect(matchesGlob("a.b+c$", "a.b+c$*")).toBe(true);
    expect(matchesGlob("axbbc", "a.b+c*")).toBe(false);
    expect(matchesGlob("a(b)|c", "a(b)|c*")).toBe(true);
    expect(matchesGlob("a]b", "a]*")).toBe(true);
  });

  it("? matches exactly one character", () => {
    expect(matchesGlob("v1", "v?")).toBe(true);
    expect(matchesGlob("v12", "v?")).toBe(false);
  });

  it("[abc] and [!abc] match one character of a class or outside it; an unclosed [ is literal", () => {
    expect(matchesGlob("model_a", "model_[ab]")).toBe(true);
    expect(matchesGlob("model_c", "model_[ab]")).toBe(false);
    expect(matchesGlob("model_e", "model_[ab]")).toBe(false);
    expect(matchesGlob("model_m", "model_[ab]")).toBe(false);
    expect(matchesGlob("model_c", "model_[!ab]")).toBe(true);
    expect(matchesGlob("model_a", "model_[!ab]")).toBe(false);
    expect(matchesGlob("model_[x", "model_[x*")).toBe(true);
    expect(matchesGlob("model_]", "model_[]]")).toBe(true);
    expect(matchesGlob("a\\b", "a[\\]b")).toBe(true);
  });

  it("in paths, * and ? stop at a folder and ** crosses folders", () => {
    expect(matchesGlob("models/staging/stg.sql", "models/*/stg.sql", true)).toBe(true);
    expect(matchesGlob("models/staging/deep/stg.sql", "models/*/stg.sql", true)).toBe(false);
    expect(matchesGlob("models/a/b", "models/?/b", true)).toBe(true);
    expect(matchesGlob("models//b", "models/?/b", true)).toBe(false);
    expect(matchesGlob("models/staging/deep/stg.sql", "models/**/stg.sql", true)).toBe(true);
    expect(matchesGlob("models/stg.sql", "models/**/stg.sql", true)).toBe(true);
    expect(matchesGlob("models/staging/deep/stg.sql", "models/**", true)).toBe(true);
    expect(matchesGlob("models/a/b", "models/a**b", true)).toBe(true);
  });

  it("outside paths * crosses '/', and the two readings of one pattern do not share a cache entry", () => {
    expect(matchesGlob("a/b", "a*", true)).toBe(false);
    expect(matchesGlob("a/b", "a*")).toBe(true);
    expect(matchesGlob("a/b", "a?b")).toBe(true);
    expect(matchesGlob("a/b", "a?b", true)).toBe(false);
  });
});

it("reads a class as Python's fnmatch does: a leading ']' is a member, '^' is literal", () => {
  expect(matchesGlob("x^", "x[\\^]")).toBe(true);
  expect(matchesGlob("x^", "x[^a]")).toBe(true);
  expect(matchesGlob("xb", "x[^a]")).toBe(false);
  expect(matchesGlob("x]", "x[!]]")).toBe(false);
  expect(matchesGlob("xa", "x[!]]")).toBe(true);
});
