import { FLAGS } from "./dbt-flags";
import { parseFlags } from "./parse-flags";

const parse = (argv: string[]) => parseFlags(argv, FLAGS);

describe("parseFlags", () => {
  it("reads values after the flag or after '=', several values for multi-value flags, and words between flags as positional", () => {
    const r = parse(["freshness", "--select", "a", "b+", "--exclude=c", "-t", "prod", "--threads", "4", "--vars", "{x: 1}"]);
    expect(Object.fromEntries(r.values)).toEqual({ select: ["a", "b+"], exclude: ["c"], target: "prod", threads: 4, vars: "{x: 1}" });
    expect(r.positional).toEqual(["freshness"]);
    expect(parse(["-s", "a", "-s", "b"]).values.get("select")).toEqual(["a", "b"]);
  });

  it("reads booleans as dbt does: --flag, --no-flag, one-letter ones together", () => {
    expect(Object.fromEntries(parse(["--full-refresh", "--no-partial-parse", "-dqx"]).values)).toEqual({ "full-refresh": true, "partial-parse": false, debug: true, quiet: true, "fail-fast": true });
  });

  it("reports unknown flags as typed, and values that are missing, not numbers or not among the choices", () => {
    expect(parse(["--frobnicate", "-z"]).unknown).toEqual(["--frobnicate", "-z"]);
    expect(parse(["--threads", "many", "--log-level", "loud", "--target"]).problems).toEqual([
      "Invalid value for '--threads': 'many' is not a number.",
      "Invalid value for '--log-level': 'loud' is not one of 'debug', 'info', 'warn', 'error', 'none'.",
      "Option '--target' requires a value.",
    ]);
  });

  it("takes a string flag's value even when it starts with a dash, and stops reading flags at --", () => {
    expect(parse(["--inline", "-- a comment"]).values.get("inline")).toBe("-- a comment");
    expect(parse(["--", "--select"]).positional).toEqual(["--select"]);
  });
});
