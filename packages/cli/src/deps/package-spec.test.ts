import { packagesHash, pythonJson, type PackageSpec } from "./package-spec";

const spec = (source: PackageSpec["source"], entry: Record<string, unknown>): PackageSpec => ({ source, rendered: entry, unrendered: entry, file: "packages.yml" });

describe("packagesHash", () => {
  it("equals the sha1_hash dbt-core 1.10.23 wrote for the same packages.yml", () => {
    // `dbt deps` on these five entries wrote sha1_hash: 109447afd3694a3226675fdd67e83716a95d84ae
    const specs = [
      spec("hub", { package: "acme/pkg_b", version: "0.1.0" }),
      spec("hub", { package: "acme/pkg_a", version: ">=1.1.0" }),
      spec("git", { git: "file:///tmp/hdeps/gitsrc", revision: "v1", subdirectory: "sub" }),
      spec("tarball", { tarball: "http://127.0.0.1:8765/tar/pkg_a-1.0.0.tar.gz", name: "pkg_t" }),
      spec("local", { local: "../src/pkg_c" }),
    ];
    expect(packagesHash(specs)).toBe("109447afd3694a3226675fdd67e83716a95d84ae");
    expect(packagesHash([...specs].reverse())).toBe("109447afd3694a3226675fdd67e83716a95d84ae");
    expect(packagesHash(specs.slice(1))).not.toBe("109447afd3694a3226675fdd67e83716a95d84ae");
  });

  it("serialises like Python's json.dumps(sort_keys=True)", () => {
    expect(pythonJson({ b: [1, "é"], a: null, c: false })).toBe('{"a": null, "b": [1, "\\u00e9"], "c": false}');
  });
});
