import { AdapterError, loadAdapter } from "./load-adapter";

function failureOf(fn: () => unknown): AdapterError {
  try {
    fn();
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error("expected a failure");
}

describe("loadAdapter", () => {
  it("loads an installed adapter package's createAdapter by the profile's type", () => {
    const factory = loadAdapter("duckdb");
    const adapter = factory({ type: "duckdb", schema: "main", path: ":memory:" }, { projectDir: "/tmp", targetPath: "target" });
    expect(adapter.type).toBe("duckdb");
    expect(adapter.dialect.quote('a"b')).toBe('"a""b"');
  });

  it("reports an unknown type with TSDBT-E040, the package to install, and the closest known type", () => {
    const error = failureOf(() => loadAdapter("duckbd"));
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe("TSDBT-E040");
    expect(error.message).toBe("No adapter is installed for the profile type 'duckbd'. Did you mean 'duckdb'?");
    expect(error.hint).toContain("npm install @tsdbt/adapter-duckbd");
  });

  it("rejects a type that cannot be a package name without trying to load it", () => {
    const error = failureOf(() => loadAdapter("../core"));
    expect(error.code).toBe("TSDBT-E040");
    expect(error.message).not.toContain("Did you mean");
  });
});
