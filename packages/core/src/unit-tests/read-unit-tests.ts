import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import type { PropertiesFile } from "../parse/properties";
import { closestName } from "../diagnostics/closest-names";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { YamlPathSegment } from "../yaml/parse-yaml";
import { parseCsvRows } from "./fixture-sql";
import { UnitTestErrorCode, type FixtureFormat, type UnitTestDefinition, type UnitTestExpected, type UnitTestInput } from "./unit-test-definition";

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asTags = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.map(String) : []);
const FORMATS = new Set(["dict", "csv", "sql"]);
const INPUT = /^\s*(?:\{\{\s*)?(ref\s*\(.*\)|source\s*\(.*\)|this)\s*(?:\}\})?\s*$/s;

/** Where unit tests are read from. */
export interface UnitTestSources {
  propertiesFiles: readonly PropertiesFile[];
  /** Enabled nodes, to find each test's model. */
  nodes: readonly ManifestNode[];
  projectDir: string;
  /** The project's test-paths (fixture files live in `<test-path>/fixtures/`). */
  testPaths: readonly string[];
}

/**
 * Reads the `unit_tests:` entries of every properties file into manifest entries: the model
 * under test (by name, reported with a suggestion when unknown), `given` inputs (ref(),
 * source() or `this`) with dict, csv or sql rows (inline or from a fixture file), `expect`,
 * `overrides` and config. Problems are collected into `diagnostics`.
 */
export function readUnitTests(sources: UnitTestSources, diagnostics: Diagnostic[]): Record<string, UnitTestDefinition> {
  const out: Record<string, UnitTestDefinition> = {};
  const models = sources.nodes.filter((n) => n.resource_type === "model");
  for (const pf of sources.propertiesFiles) {
    const list = asRecord(pf.parsed.value).unit_tests;
    if (list === undefined || list === null) continue;
    const problem = (at: YamlPathSegment[], code: string, message: string, hint: string) => diagnostics.push(diagnosticAt(pf.parsed, at, { code, message, hint }));
    if (!Array.isArray(list)) {
      problem(["unit_tests"], UnitTestErrorCode.invalidEntry, `'unit_tests' in ${pf.parsed.file} must be a list of entries.`, "Write each unit test as '- name: …' with 'model:', 'given:' and 'expect:'.");
      continue;
    }
    list.forEach((item, i) => {
      const entry = asRecord(item);
      const at: YamlPathSegment[] = ["unit_tests", i];
      if (typeof entry.name !== "string" || typeof entry.model !== "string") {
        problem(at, UnitTestErrorCode.invalidEntry, `A unit test in ${pf.parsed.file} has no ${typeof entry.name !== "string" ? "name" : "model"}.`, "Every unit test needs 'name:', 'model:', 'given:' and 'expect:'.");
        return;
      }
      const config = asRecord(entry.config);
      if (config.enabled === false) return;
      const model = models.find((m) => m.name === entry.model && m.package_name === pf.packageName) ?? models.find((m) => m.name === entry.model);
      if (!model) {
        const near = closestName(entry.model, models.map((m) => m.name));
        problem([...at, "model"], UnitTestErrorCode.unknownModel, `Unit test '${entry.name}' tests model '${entry.model}', which does not exist.`, near ? `Did you mean '${near}'?` : "Name a model of this project in 'model:'.");
        return;
      }
      const fixture = (f: Record<string, unknown>, where: YamlPathSegment[]): Omit<UnitTestInput, "input"> | null => {
        const format = String(f.format ?? "dict") as FixtureFormat;
        if (!FORMATS.has(format)) {
          problem([...where, "format"], UnitTestErrorCode.invalidFixture, `Unit test '${entry.name}' uses fixture format '${format}'.`, "Use format dict (the default), csv or sql.");
          return null;
        }
        let rows = f.rows as UnitTestInput["rows"] | undefined;
        const name = typeof f.fixture === "string" ? f.fixture : null;
        if (name) {
          const ext = format === "sql" ? "sql" : "csv";
          const file = sources.testPaths.map((p) => path.join(sources.projectDir, p, "fixtures", `${name}.${ext}`)).find((p) => existsSync(p));
          if (!file) {
            problem([...where, "fixture"], UnitTestErrorCode.invalidFixture, `Unit test '${entry.name}' names fixture '${name}', but no ${name}.${ext} exists under ${sources.testPaths.map((p) => `${p}/fixtures/`).join(" or ")}.`, "Create the fixture file or write the rows inline.");
            return null;
          }
          rows = readFileSync(file, "utf8");
        }
        if (format === "dict" && rows !== undefined && rows !== null && !Array.isArray(rows)) {
          problem([...where, "rows"], UnitTestErrorCode.invalidFixture, `Unit test '${entry.name}' has dict rows that are not a list.`, "Write rows as a list of mappings, e.g. '- {id: 1}'; or set format: csv / sql for text.");
          return null;
        }
        if (format !== "dict" && rows !== undefined && rows !== null && typeof rows !== "string") {
          problem([...where, "rows"], UnitTestErrorCode.invalidFixture, `Unit test '${entry.name}' has ${format} rows that are not text.`, "Write the rows as a block string ('rows: |').");
          return null;
        }
        // dbt renders inline text of a properties file as a template, which drops one final line break
        if (!name && format === "sql" && typeof rows === "string") rows = rows.replace(/\n$/, "");
        return { rows: normalizedRows(rows ?? [], format), format, fixture: name };
      };
      const given: UnitTestInput[] = [];
      let broken = false;
      (Array.isArray(entry.given) ? entry.given : []).forEach((g, j) => {
        const input = asRecord(g);
        const m = typeof input.input === "string" ? INPUT.exec(input.input) : null;
        if (!m) {
          problem([...at, "given", j], UnitTestErrorCode.invalidInput, `Input ${j + 1} of unit test '${entry.name}' is ${JSON.stringify(input.input ?? null)}, which is not ref(), source() or this.`, "Write `input: ref('model_name')` or `input: source('source_name', 'table_name')`.");
          broken = true;
          return;
        }
        const f = fixture(input, [...at, "given", j]);
        if (f) given.push({ input: m[1]!.trim(), ...f });
        else broken = true;
      });
      const expected = fixture(asRecord(entry.expect), [...at, "expect"]);
      if (broken || !expected) return;
      const segments = pf.parsed.file.split("/");
      const uniqueId = `unit_test.${pf.packageName}.${model.name}.${entry.name}`;
      out[uniqueId] = {
        model: model.name,
        given,
        expect: expected as UnitTestExpected,
        name: entry.name,
        resource_type: "unit_test",
        package_name: pf.packageName,
        path: segments.slice(1).join("/"),
        original_file_path: pf.parsed.file,
        unique_id: uniqueId,
        fqn: [pf.packageName, ...segments.slice(1, -1), model.name, entry.name],
        description: typeof entry.description === "string" ? entry.description : "",
        overrides: entry.overrides ? pickOverrides(asRecord(entry.overrides)) : null,
        depends_on: { macros: [], nodes: [model.unique_id] },
        config: { tags: asTags(config.tags), meta: asRecord(config.meta), enabled: true },
        checksum: null,
        schema: model.schema,
        created_at: Date.now() / 1000,
        versions: null,
        version: null,
      };
    });
  }
  return out;
}

function pickOverrides(o: Record<string, unknown>): NonNullable<UnitTestDefinition["overrides"]> {
  const out: NonNullable<UnitTestDefinition["overrides"]> = {};
  for (const key of ["macros", "vars", "env_vars"] as const) if (o[key] && typeof o[key] === "object") out[key] = asRecord(o[key]);
  return out;
}

/**
 * Fixture rows as dbt-core keeps them in the manifest: csv text read into mappings of text (an
 * empty field None), and for dict and csv rows the first row without a null value swapped to the
 * top (dbt does so that warehouses typing a union by its first row see a value in every column).
 */
function normalizedRows(rows: NonNullable<UnitTestInput["rows"]>, format: FixtureFormat): NonNullable<UnitTestInput["rows"]> {
  if (format === "sql") return rows;
  const list = typeof rows === "string" ? parseCsvRows(rows).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === "" ? null : v]))) : [...rows];
  const complete = list.findIndex((row) => Object.values(asRecord(row)).every((v) => v !== null && v !== undefined));
  if (complete > 0) [list[0], list[complete]] = [list[complete]!, list[0]!];
  return list;
}
