import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdapterError, loadAdapter } from "./load-adapter";

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A folder with node_modules/@tsdbt/adapter-<type>/index.js holding `source`. */
function packageDir(type: string, source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-adapter-pkg-"));
  made.push(dir);
  const pkg = path.join(dir, "node_modules", "@tsdbt", `adapter-${type}`);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: `@tsdbt/adapter-${type}`, version: "0.0.0", main: "index.js" }));
  fs.writeFileSync(path.join(pkg, "index.js"), source);
  return dir;
}

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

  it("reports an installed package that throws while loading with TSDBT-E041 and the reason", () => {
    const dir = packageDir("brokenload", 'throw new Error("cannot find the native driver");\n');
    const error = failureOf(() => loadAdapter("brokenload", { paths: [dir] }));
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe("TSDBT-E041");
    expect(error.message).toBe("The adapter package @tsdbt/adapter-brokenload for type 'brokenload' could not be loaded: cannot find the native driver");
    expect(error.hint).toBe("Reinstall @tsdbt/adapter-brokenload and its driver (npm install @tsdbt/adapter-brokenload).");
  });

  it("reports a package without a createAdapter export with TSDBT-E041", () => {
    const dir = packageDir("nofactory", "module.exports = { somethingElse: 1 };\n");
    const error = failureOf(() => loadAdapter("nofactory", { paths: [dir] }));
    expect(error.code).toBe("TSDBT-E041");
    expect(error.message).toBe("The adapter package @tsdbt/adapter-nofactory does not export a createAdapter function.");
    expect(error.hint).toContain("is a tsdbt adapter and matches this version of tsdbt");
  });

  it("rejects a type that cannot be a package name without trying to load it", () => {
    const error = failureOf(() => loadAdapter("../core"));
    expect(error.code).toBe("TSDBT-E040");
    expect(error.message).not.toContain("Did you mean");
  });
});
