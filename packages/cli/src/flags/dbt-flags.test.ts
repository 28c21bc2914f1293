import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "../args";
import { commandHelp } from "./command-help";
import { FLAGS, takesFlag } from "./dbt-flags";
import dbtCli from "../__fixtures__/dbt-1.10-cli-flags.json";

/** dbt-core 1.10.23's options, dumped from its command-line parser (see the fixture's `source`). */
const DBT_FLAGS = (dbtCli as { flags: Record<string, { opts: string[]; negated: string[]; env: string | null; is_flag: boolean; hidden: boolean; commands: string[] }> }).flags;

const specOf = (opt: string) => FLAGS.find((f) => [f.name, ...(f.aliases ?? [])].includes(opt.replace(/^--?/, "")));

describe("dbt-core 1.10's flags", () => {
  it("every option of every dbt command is a flag tsdbt knows, taken by the same commands, read from the same DBT_* variable", () => {
    const problems: string[] = [];
    for (const [name, dbt] of Object.entries(DBT_FLAGS)) {
      for (const opt of dbt.opts) {
        const spec = specOf(opt);
        if (!spec) {
          problems.push(`${opt} (${name}) unknown`);
          continue;
        }
        // `init -s` is --skip-profile-setup (the command line maps it before parsing; tested below)
        for (const command of dbt.commands) if (!takesFlag(spec, command) && !(command === "init" && opt === "-s")) problems.push(`${command} does not take ${opt}`);
      }
      const main = specOf(dbt.opts.find((o) => o.startsWith("--"))!)!;
      if (main && (dbt.env ?? undefined) !== main.env && !(name === "select" || name === "models")) problems.push(`${name}: env ${dbt.env} vs ${main.env}`);
    }
    expect(problems).toEqual([]);
  });

  it("every dbt option parses on the commands that take it (booleans also as --no-…; flags are not per command in tsdbt's parser, so the first and last such command stand for all)", async () => {
    const failures: string[] = [];
    for (const dbt of Object.values(DBT_FLAGS)) {
      const long = dbt.opts.find((o) => o.startsWith("--"))!;
      if (long === "--version" || !dbt.commands.length) continue;
      const spec = specOf(long)!;
      const value = spec.type === "boolean" ? [] : spec.choices ? [spec.choices[0]!] : spec.type === "number" ? ["3"] : ["x"];
      // dbt takes --event-time-start and --event-time-end together only (one alone is a usage error)
      const given = long.startsWith("--event-time-") ? ["--event-time-start", "2024-01-01", "--event-time-end", "2024-01-02"] : [long, ...value];
      for (const command of new Set([dbt.commands[0]!, dbt.commands.at(-1)!])) {
        for (const argv of [[command, ...given], ...dbt.negated.map((n) => [command, n])]) {
          try {
            await parseArgs(argv, "/tmp", {});
          } catch (e) {
            failures.push(`${argv.join(" ")}: ${(e as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("reads DBT_* variables when the flag is not given, the flag winning over the variable", async () => {
    const env = { DBT_LOG_FORMAT: "json", DBT_TARGET_PATH: "/elsewhere", DBT_USE_COLORS: "false", DBT_WARN_ERROR: "1", DBT_PRINTER_WIDTH: "120", DBT_LOG_LEVEL: "warn", DBT_TARGET: "prod", DBT_FAIL_FAST: "true" };
    const a = await parseArgs(["run"], "/p", env);
    expect(a).toMatchObject({ logFormat: "json", targetPath: "/elsewhere", useColors: false, warnError: true, printerWidth: 120, logLevel: "warn", target: "prod", failFast: true, logFormatFile: "json", logLevelFile: "warn" });
    const b = await parseArgs(["run", "--log-format", "text", "--target-path", "t2", "--use-colors", "--no-fail-fast"], "/p", env);
    expect(b).toMatchObject({ logFormat: "text", targetPath: "t2", useColors: true, failFast: false });
  });

  it("defaults as dbt: text on the console at info, debug lines at debug level in the file; -d puts the console at debug", async () => {
    expect(await parseArgs(["build"], "/p", {})).toMatchObject({ logFormat: "text", logLevel: "info", logFormatFile: "debug", logLevelFile: "debug", printerWidth: 80, writeJson: true, notYetSupported: [] });
    expect(await parseArgs(["build", "-d"], "/p", {})).toMatchObject({ debug: true, logLevel: "debug" });
    expect(await parseArgs(["build", "--log-format-file", "json", "--log-level-file", "none"], "/p", {})).toMatchObject({ logFormatFile: "json", logLevelFile: "none" });
  });

  it("lists flags tsdbt does not act on yet, only when given to a command that takes them", async () => {
    expect((await parseArgs(["build", "--empty", "--store-failures", "--defer", "--state", "x", "--sample", "3 days"], "/p", {})).notYetSupported).toEqual(["sample"]);
    expect((await parseArgs(["build", "--event-time-start", "2024-01-01", "--event-time-end", "2024-01-02"], "/p", {})).notYetSupported).toEqual([]);
    expect((await parseArgs(["compile", "--empty", "--defer"], "/p", {})).notYetSupported).toEqual(["defer"]);
    expect((await parseArgs(["build", "--no-empty"], "/p", {})).notYetSupported).toEqual([]);
    expect((await parseArgs(["compile"], "/p", { DBT_DEFER: "true" })).notYetSupported).toEqual(["defer"]);
    expect((await parseArgs(["run"], "/p", { DBT_DEFER: "true" })).notYetSupported).toEqual([]);
  });

  it("reads --event-time-start/--event-time-end as dbt does: its formats, both or neither, start before end (UTC wall clock)", async () => {
    expect(await parseArgs(["run", "--event-time-start", "2024-09-01", "--event-time-end", "2024-09-02 06:30:00"], "/p", {})).toMatchObject({ eventTimeStart: new Date("2024-09-01T00:00:00Z"), eventTimeEnd: new Date("2024-09-02T06:30:00Z") });
    expect(await parseArgs(["build"], "/p", { DBT_EVENT_TIME_START: "2024-09-01T01:00:00", DBT_EVENT_TIME_END: "2024-09-03" })).toMatchObject({ eventTimeStart: new Date("2024-09-01T01:00:00Z"), eventTimeEnd: new Date("2024-09-03T00:00:00Z") });
    // dbt-core 1.10.23's messages for the same command lines
    await expect(parseArgs(["run", "--event-time-end", "2024-09-02"], "/p", {})).rejects.toMatchObject({ name: "UsageError", message: "The flag `--event-time-end` was specified, but `--event-time-start` was not. When specifying `--event-time-end`, `--event-time-start` must also be present." });
    await expect(parseArgs(["run", "--event-time-start", "2024-09-02", "--event-time-end", "2024-09-02"], "/p", {})).rejects.toMatchObject({ message: "Value for `--event-time-start` must be less than `--event-time-end`" });
    await expect(parseArgs(["run", "--event-time-start", "2024-09-02T10:00:00+02:00", "--event-time-end", "2024-09-03"], "/p", {})).rejects.toMatchObject({
      message: "Invalid value for '--event-time-start': '2024-09-02T10:00:00+02:00' does not match the formats '%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S'.",
    });
    await expect(parseArgs(["run", "--event-time-start", "2024-09-01", "--event-time-end", "2024-02-30"], "/p", {})).rejects.toMatchObject({ name: "UsageError" });
  });

  it("keeps `init -s` as --skip-profile-setup and `ls -m` apart from --select", async () => {
    expect(await parseArgs(["init", "x", "-s"], "/p", {})).toMatchObject({ skipProfileSetup: true, select: [] });
    expect(await parseArgs(["ls", "-m", "orders"], "/p", {})).toMatchObject({ models: ["orders"], select: [] });
  });
});

describe("per-command --help", () => {
  it("lists that command's flags and dbt's global flags, not other commands' flags", async () => {
    const run = commandHelp("run");
    expect(run).toContain("--full-refresh");
    expect(run).toContain("--log-level [debug|info|warn|error|none]");
    expect(run).toContain("[env: DBT_TARGET_PATH]");
    expect(run).not.toContain("--output-keys");
    expect(commandHelp("ls")).toContain("--output-keys");
    await expect(parseArgs(["ls", "--help"], "/p", {})).rejects.toMatchObject({ name: "InfoRequest", text: commandHelp("ls") });
  });
});

describe("docs/cli.md", () => {
  it("has a row for every dbt flag with tsdbt's support of it", () => {
    const doc = readFileSync(path.join(__dirname, "..", "..", "..", "..", "docs", "cli.md"), "utf8");
    const label = { supported: "supported", "no-op": "no-op", "not-yet": "not yet" } as const;
    const missing = FLAGS.filter((f) => !f.tsdbtOnly).filter((f) => !new RegExp(`^\\| [^|]*\`--${f.name}\`[^|]*\\|[^|]*\\|[^|]*\\| ${label[f.support]}${f.supportedBy ? " \\([^)]*\\)" : ""} \\|`, "m").test(doc));
    expect(missing.map((f) => f.name)).toEqual([]);
  });
});
