import { highestSatisfying, parseRequirement, requirementsCompatible, type VersionRequirement } from "./semver";

const reqs = (...texts: string[]): VersionRequirement[] => texts.map((t) => parseRequirement(t)!);
const published = ["0.9.0", "1.0.0", "1.1.0", "1.1.1", "1.2.0-b1", "1.2.0", "2.0.0-rc1", "2.0.0"];

describe("hub version requirements", () => {
  it("picks the highest published version inside every range", () => {
    expect(highestSatisfying(published, reqs(">=1.0.0", "<2.0.0"), false)).toBe("1.2.0");
    expect(highestSatisfying(published, reqs(">=1.0.0", "<1.2.0"), false)).toBe("1.1.1");
    expect(highestSatisfying(published, reqs("1.1.0"), false)).toBe("1.1.0");
    expect(highestSatisfying(published, reqs("=1.1.0", ">=1.0.0"), false)).toBe("1.1.0");
    expect(highestSatisfying(published, reqs(">1.1.1", "<=2.0.0"), false)).toBe("2.0.0");
    expect(highestSatisfying(published, reqs("<0.9.0"), false)).toBeUndefined();
  });

  it("leaves prereleases out unless asked for or named", () => {
    expect(highestSatisfying(published, reqs(">=2.0.0-a"), false)).toBe("2.0.0");
    expect(highestSatisfying(["1.0.0", "2.0.0-rc1"], reqs(">=1.0.0"), false)).toBe("1.0.0");
    expect(highestSatisfying(["1.0.0", "2.0.0-rc1"], reqs(">=1.0.0"), true)).toBe("2.0.0-rc1");
    // <2.0.0 keeps out 2.0.0's own prereleases, as dbt does
    expect(highestSatisfying(["1.0.0", "2.0.0-rc1"], reqs("<2.0.0"), true)).toBe("1.0.0");
  });

  it("tells contradicting requirements apart", () => {
    expect(requirementsCompatible(reqs(">=1.0.0", "<2.0.0"))).toBe(true);
    expect(requirementsCompatible(reqs(">=2.0.0", "<1.5.0"))).toBe(false);
    expect(requirementsCompatible(reqs("1.0.0", "1.1.0"))).toBe(false);
    expect(requirementsCompatible(reqs(">=1.0.0", "<=1.0.0"))).toBe(true);
    expect(requirementsCompatible(reqs(">1.0.0", "<=1.0.0"))).toBe(false);
  });

  it("rejects what is not a semantic version", () => {
    expect(parseRequirement("1.0")).toBeUndefined();
    expect(parseRequirement("~1.0.0")).toBeUndefined();
    expect(parseRequirement(">=0.8.0")).toMatchObject({ op: ">=", major: 0, minor: 8, patch: 0 });
  });
});
