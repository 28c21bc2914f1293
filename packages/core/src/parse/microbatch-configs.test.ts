import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { writeMiniProject } from "./__fixtures__/mini-project";
import { normaliseBegin } from "./microbatch-configs";
import { parseProject } from "./parse-project";

const UPSTREAM = { "models/up.sql": "{{ config(event_time='ts') }}\nselect 1 as id, now() as ts\n" };

/** The model `m` with a config() call of `args`, reading `up` (which has an event_time). */
const model = (args: string) => ({ ...UPSTREAM, "models/m.sql": `{{ config(materialized='incremental', incremental_strategy='microbatch', ${args}) }}\nselect * from {{ ref('up') }}\n` });

async function parse(files: Record<string, string>): Promise<{ errors: Diagnostic[]; warnings: Diagnostic[]; config?: Record<string, unknown> }> {
  try {
    const parsed = await parseProject({ projectDir: writeMiniProject(files), env: {} });
    return { errors: [], warnings: parsed.diagnostics.filter((d) => d.severity === "warn"), config: parsed.manifest.nodes["model.mini.m"]?.config };
  } catch (error) {
    if (error instanceof DiagnosticError) return { errors: error.diagnostics, warnings: error.warnings };
    throw error;
  }
}

// The messages' first sentences are dbt-core 1.10.23's (`dbt parse` on the same model), e.g.
// "Microbatch model 'm' must provide a 'begin' (datetime) config that indicates the earliest timestamp …"
describe("microbatch configs at parse (dbt-core 1.10 refuses the same models)", () => {
  it("accepts a complete model, stores `begin` as dbt does and defaults lookback to 1", async () => {
    const { errors, warnings, config } = await parse(model("event_time='ts', batch_size='hour', begin='2026-01-01 10:30'"));
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({ event_time: "ts", batch_size: "hour", begin: "2026-01-01T10:30:00", lookback: 1, concurrent_batches: null });
  });

  it.each([
    ["event_time missing", "batch_size='day', begin='2026-01-01'", "Microbatch model 'm' must provide an 'event_time' (string) config that indicates the name of the event time column."],
    ["begin missing", "event_time='ts', batch_size='day'", "Microbatch model 'm' must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from."],
    ["batch_size missing", "event_time='ts', begin='2026-01-01'", "Microbatch model 'm' must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: None."],
    ["batch_size unknown", "event_time='ts', begin='2026-01-01', batch_size='week'", "Microbatch model 'm' must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: week."],
    ["batch_size in upper case", "event_time='ts', begin='2026-01-01', batch_size='Day'", "Microbatch model 'm' must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: Day."],
    ["begin not a datetime", "event_time='ts', begin='yesterday', batch_size='day'", "Microbatch model 'm' must provide a 'begin' config of valid datetime (ISO format), but got: yesterday."],
    ["event_time not a string", "event_time=3, begin='2026-01-01', batch_size='day'", "Microbatch model 'm' must provide an 'event_time' config of type string, but got: <class 'int'>."],
    ["concurrent_batches not a bool", "event_time='ts', begin='2026-01-01', batch_size='day', concurrent_batches='yes'", "Microbatch model 'm' optional 'concurrent_batches' config must be of type `bool` if specified, but got: <class 'str'>."],
  ])("%s: TSDBT-E075 at the key in the config() call, with a hint", async (_, args, message) => {
    const { errors } = await parse(model(args));
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toMatchObject({ code: "TSDBT-E075", severity: "error", message, file: "models/m.sql", line: 1, nodeId: "model.mini.m" });
    expect(error.hint).toBeTruthy();
    // the column points at the key the message is about (or the config() call's first key when the key is missing)
    const key = /'(event_time|begin|batch_size|concurrent_batches)'/.exec(message)![1];
    const line = `{{ config(materialized='incremental', incremental_strategy='microbatch', ${args}) }}`;
    expect(error.col).toBe(line.includes(`${key}=`) ? line.indexOf(`${key}=`) + 1 : 1);
  });

  it("reports every problem of a model at once", async () => {
    const { errors } = await parse(model("begin='soon'"));
    expect(errors.map((e) => e.message.replace(/ config .*/, ""))).toEqual([
      "Microbatch model 'm' must provide an 'event_time' (string)",
      "Microbatch model 'm' must provide a 'begin'",
      "Microbatch model 'm' must provide a 'batch_size'",
    ]);
  });

  it("refuses an input whose event_time is not a string, as dbt does", async () => {
    const { errors } = await parse({ "models/up.sql": "{{ config(event_time=5) }}\nselect 1 as id\n", "models/m.sql": "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts', begin='2026-01-01', batch_size='day') }}\nselect * from {{ ref('up') }}\n" });
    expect(errors.map((e) => [e.code, e.message])).toEqual([["TSDBT-E075", "Microbatch model 'm' depends on an input node 'up' with an 'event_time' config of invalid (non-string) type: <class 'int'>."]]);
  });

  it("warns (TSDBT-W075) when no input has an event_time, as dbt warns, and parses on", async () => {
    const { errors, warnings } = await parse({ "models/m.sql": "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts', begin='2026-01-01', batch_size='day') }}\nselect 1 as id, now() as ts\n" });
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.code, w.message.slice(0, 96)])).toEqual([["TSDBT-W075", "The microbatch model 'm' has no 'ref' or 'source' input with an 'event_time' configuration: no f"]]);
  });

  it("takes the configs from dbt_project.yml and properties YAML too; other incremental models are not checked", async () => {
    const { errors } = await parse({
      ...UPSTREAM,
      "dbt_project.yml": "name: mini\nprofile: mini\nmodels:\n  mini:\n    +batch_size: day\n",
      "models/m.sql": "{{ config(materialized='incremental', incremental_strategy='microbatch') }}\nselect * from {{ ref('up') }}\n",
      "models/props.yml": "version: 2\nmodels:\n  - name: m\n    config:\n      event_time: ts\n      begin: '2026-01-01'\n",
      "models/other.sql": "{{ config(materialized='incremental', batch_size='fortnight') }}\nselect 1 as id\n",
    });
    expect(errors).toEqual([]);
  });

  it("normalises begin as Python's isoformat of what dbt parsed", () => {
    expect(normaliseBegin("2026-01-01")).toBe("2026-01-01T00:00:00");
    expect(normaliseBegin("2026-01-01T10:00:00+02:00")).toBe("2026-01-01T10:00:00+02:00");
    expect(normaliseBegin("2026-01-01 10:00:00.5Z")).toBe("2026-01-01T10:00:00.500000+00:00");
    expect(normaliseBegin(new Date(Date.UTC(2026, 0, 2)))).toBe("2026-01-02T00:00:00");
    expect(normaliseBegin("2026-02-30")).toBeNull();
    expect(normaliseBegin("01/02/2026")).toBeNull();
    expect(normaliseBegin(20260101)).toBeNull();
  });
});
