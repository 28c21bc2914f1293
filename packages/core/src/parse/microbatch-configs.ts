import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode, SourceDefinition } from "../manifest/types";
import { isMicrobatchModel } from "../compile/microbatch-batch";
import { lineText, positionAt } from "./source-position";

/** Code of a microbatch model whose `event_time`, `begin`, `batch_size`, `lookback` or `concurrent_batches` dbt refuses. */
export const MICROBATCH_CONFIG = "TSDBT-E075";
/** Code of a microbatch model none of whose inputs has an `event_time`: no batch can filter them. */
export const MICROBATCH_UNFILTERED = "TSDBT-W075";

/** The batch sizes dbt knows, in its order. */
export const BATCH_SIZES = ["hour", "day", "month", "year"] as const;
export type BatchSize = (typeof BATCH_SIZES)[number];

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * A `begin` value as dbt stores it (Python's isoformat: `2024-01-01T00:00:00`, microseconds and
 * an offset when given), or null when it is no ISO date or datetime. Takes a string, a JavaScript
 * Date (a YAML date) or a template's `modules.datetime` value (anything with an `isoformat()`).
 */
export function normaliseBegin(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 19);
  const text = typeof value === "string" ? value.trim() : value && typeof (value as { isoformat?: unknown }).isoformat === "function" ? String((value as { isoformat: () => string }).isoformat()) : null;
  if (text === null) return null;
  const m = ISO_DATETIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  const micros = m[7] ? `.${m[7].padEnd(6, "0")}` : "";
  const zone = m[8] === undefined ? "" : m[8] === "Z" ? "+00:00" : m[8].length === 3 ? `${m[8]}:00` : m[8].includes(":") ? m[8] : `${m[8].slice(0, 3)}:${m[8].slice(3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${micros}${zone}`;
}

/** How a wrong value is named in a message: its Python type, as dbt names it, and the value when short. */
function pythonType(value: unknown): string {
  if (typeof value === "string") return "<class 'str'>";
  if (typeof value === "boolean") return "<class 'bool'>";
  if (typeof value === "number") return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}

/** Where `key` is set in the model's own file (`key=` in its config() call), else its first line. */
function locate(node: ManifestNode, key: string): Pick<Diagnostic, "file" | "line" | "col" | "snippet" | "nodeId"> {
  const m = new RegExp(`\\b${key}\\s*=`).exec(node.raw_code ?? "");
  if (!m) return { file: node.original_file_path, line: 1, col: 1, nodeId: node.unique_id };
  const pos = positionAt(node.raw_code, m.index);
  return { file: node.original_file_path, ...pos, snippet: lineText(node.raw_code, pos.line), nodeId: node.unique_id };
}

/**
 * Checks the microbatch models among `nodes` as dbt-core does when it parses them (TSDBT-E075):
 * `event_time` a string, `begin` an ISO date or datetime, `batch_size` one of hour, day, month,
 * year, `lookback` a whole number, `concurrent_batches` true or false, and the `event_time` of
 * each input (ref or source) a string when set. A valid `begin` is stored as dbt stores it
 * (`2024-01-01T00:00:00`). A model none of whose inputs has an `event_time` draws TSDBT-W075, as
 * dbt warns: its batches cannot filter what they read.
 */
export function checkMicrobatchConfigs(nodes: readonly ManifestNode[], sources: Readonly<Record<string, SourceDefinition>>): Diagnostic[] {
  const byId = new Map(nodes.map((n) => [n.unique_id, n]));
  const out: Diagnostic[] = [];
  for (const node of nodes) {
    if (!isMicrobatchModel(node)) continue;
    const config = node.config as Record<string, unknown>;
    const name = `Microbatch model '${node.name}'`;
    const error = (key: string, message: string, hint: string) => out.push({ code: MICROBATCH_CONFIG, severity: "error", message, hint, ...locate(node, key) });
    const eventTime = config.event_time;
    if (eventTime === null || eventTime === undefined || eventTime === "") {
      error("event_time", `${name} must provide an 'event_time' (string) config that indicates the name of the event time column.`, "Set `event_time` to the model's time column, e.g. config(event_time='created_at').");
    } else if (typeof eventTime !== "string") {
      error("event_time", `${name} must provide an 'event_time' config of type string, but got: ${pythonType(eventTime)}.`, "Write the column's name as a string, e.g. event_time='created_at'.");
    }
    const begin = config.begin;
    if (begin === null || begin === undefined || begin === "") {
      error("begin", `${name} must provide a 'begin' (datetime) config that indicates the earliest timestamp the microbatch model should be built from.`, "Set `begin` to the first date to build, e.g. begin='2024-01-01'.");
    } else {
      const iso = normaliseBegin(begin);
      if (iso === null) error("begin", `${name} must provide a 'begin' config of valid datetime (ISO format), but got: ${String(begin)}.`, "Write `begin` as an ISO date or datetime, e.g. '2024-01-01' or '2024-01-01 06:00:00'.");
      else config.begin = iso;
    }
    const batchSize = config.batch_size;
    if (typeof batchSize !== "string" || !(BATCH_SIZES as readonly string[]).includes(batchSize)) {
      const got = batchSize === null || batchSize === undefined ? "None" : String(batchSize);
      error("batch_size", `${name} must provide a 'batch_size' config that is one of ['hour', 'day', 'month', 'year'], but got: ${got}.`, "Set `batch_size` to hour, day, month or year (lower case).");
    }
    const lookback = config.lookback;
    if (lookback !== null && lookback !== undefined && !(typeof lookback === "number" && Number.isInteger(lookback))) {
      error("lookback", `${name} must provide the optional 'lookback' config as type int, but got: ${pythonType(lookback)}.`, "Set `lookback` to a whole number of batches (default 1), or leave it out.");
    }
    const concurrent = config.concurrent_batches;
    if (concurrent !== null && concurrent !== undefined && typeof concurrent !== "boolean") {
      error("concurrent_batches", `${name} optional 'concurrent_batches' config must be of type \`bool\` if specified, but got: ${pythonType(concurrent)}.`, "Set `concurrent_batches` to true or false, or leave it out.");
    }
    let filtered = false;
    for (const id of node.depends_on.nodes) {
      const input = byId.get(id) ?? sources[id];
      if (!input) continue;
      const inputTime = (input.config as Record<string, unknown> | undefined)?.event_time;
      if (inputTime === null || inputTime === undefined) continue;
      if (typeof inputTime === "string") {
        filtered = true;
        continue;
      }
      const inputName = "source_name" in input ? `${input.source_name}.${input.name}` : input.name;
      out.push({
        code: MICROBATCH_CONFIG,
        severity: "error",
        message: `${name} depends on an input node '${inputName}' with an 'event_time' config of invalid (non-string) type: ${pythonType(inputTime)}.`,
        hint: `Write the \`event_time\` of '${inputName}' as the name of its time column, a string.`,
        ...locate(node, "event_time"),
      });
    }
    if (!filtered) {
      out.push({
        code: MICROBATCH_UNFILTERED,
        severity: "warn",
        message: `The microbatch model '${node.name}' has no 'ref' or 'source' input with an 'event_time' configuration: no filtering can be applied, and its batches can write duplicate records.`,
        hint: "Set `event_time` on the models, seeds or sources it reads (their own config), so each batch reads its window only.",
        file: node.original_file_path,
        line: 1,
        col: 1,
        nodeId: node.unique_id,
      });
    }
  }
  return out;
}
