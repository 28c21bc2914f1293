import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import type { PropertiesFile } from "../parse/properties";
import { closestName } from "../diagnostics/closest-names";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { YamlPathSegment } from "../yaml/parse-yaml";
import { loadPyYamlKeepingFloats } from "../yaml/float-keeping-yaml";
import { csvDictRows } from "./csv-dict-rows";
import { unitTestChecksum, withFloatsOf } from "./unit-test-checksum";
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
  const seeds = sources.nodes.filter((n) => n.resource_type === "seed");
  for (const pf of sources.propertiesFiles) {
    const list = asRecord(pf.parsed.value).unit_tests;
    if (list === undefined || list === null) continue;
    const problem = (at: YamlPathSegment[], code: string, message: string, hint: string) => diagnostics.push(diagnosticAt(pf.parsed, at, { code, message, hint }));
    if (!Array.isArray(list)) {
      problem(["unit_tests"], UnitTestErrorCode.invalidEntry, `'unit_tests' in ${pf.parsed.file} must be a list of entries.`, "Write each unit test as '- name: …' with 'model:', 'given:' and 'expect:'.");
      continue;
    }
    // the file read again with floats kept (`1.0` is a float to dbt), for the checksums only
    let typedList: unknown[] | undefined;
    const typedEntry = (i: number, at: YamlPathSegment[]): unknown => {
      typedList ??= typedUnitTests(pf.text);
      let v: unknown = typedList[i];
      for (const step of at) v = v && typeof v === "object" ? (v as Record<string | number, unknown>)[step] : undefined;
      return v;
    };
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
          // as dbt reads a file: without the blank space at its ends
          rows = readFileSync(file, "utf8").trim();
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
        // csv rows are held as dbt holds them: one mapping per line, an empty field null
        if (format === "csv") rows = csvDictRows((rows as string | undefined | null) ?? "").map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === "" ? null : v])));
        return { rows: rows ?? [], format, fixture: name };
      };
      /** An input written without rows: dbt reads the rows of the seed it refers to. */
      const seedRows = (input: string, where: YamlPathSegment[]): Record<string, unknown>[] | null => {
        const ref = SEED_REF.exec(input);
        const seedName = ref ? (ref[4] ?? ref[2]!) : null;
        const seedPackage = ref && ref[4] !== undefined ? ref[2]! : pf.packageName;
        const seed = seedName === null ? undefined : seeds.find((n) => n.name === seedName && n.package_name === seedPackage);
        if (!seed) {
          const what = seedName === null ? `its input ${input}` : `'${seedPackage}.${seedName}'`;
          problem(where, UnitTestErrorCode.invalidFixture, `Unit test '${entry.name}' gives no rows for ${input}, and ${what} is not a seed to read them from.`, "Write the input's rows ('rows: [...]', or 'rows: []' for none), or name a fixture file.");
          return null;
        }
        return csvDictRows(readFileSync(path.join(seed.root_path ?? sources.projectDir, seed.original_file_path), "utf8"));
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
        if (f && f.format === "dict" && (input.rows === undefined || input.rows === null) && f.fixture === null) {
          const rows = seedRows(m[1]!.trim(), [...at, "given", j]);
          if (rows) f.rows = rows;
          else broken = true;
        }
        if (f) given.push({ input: m[1]!.trim(), ...f });
        else broken = true;
      });
      const expected = fixture(asRecord(entry.expect), [...at, "expect"]);
      if (broken || !expected) return;
      for (const f of [...given, expected]) if (f.format !== "sql") promoteFirstCompleteRow(f.rows);
      const overrides = entry.overrides ? pickOverrides(asRecord(entry.overrides)) : null;
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
        overrides,
        depends_on: { macros: [], nodes: [model.unique_id] },
        config: { tags: asTags(config.tags), meta: asRecord(config.meta), enabled: true },
        checksum: unitTestChecksum({
          model: model.name,
          given: given.map((g, j) => (g.format === "dict" && !g.fixture ? { ...g, rows: withFloatsOf(g.rows, typedEntry(i, ["given", j, "rows"])) as UnitTestInput["rows"] } : g)),
          expect: expected.format === "dict" && !expected.fixture ? { ...expected, rows: withFloatsOf(expected.rows, typedEntry(i, ["expect", "rows"])) as UnitTestExpected["rows"] } : expected,
          overrides: overrides && (withFloatsOf(overrides, typedEntry(i, ["overrides"])) as typeof overrides),
        }),
        schema: model.schema,
        created_at: Date.now() / 1000,
        versions: null,
        version: null,
      };
    });
  }
  return out;
}

/** The `unit_tests:` entries of a properties file's text, read with floats kept; none when it has no text or does not read. */
function typedUnitTests(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  try {
    const list = asRecord(loadPyYamlKeepingFloats(text)).unit_tests;
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/**
 * Puts the first row without a null value first, swapping it with the first row, as dbt does
 * to fixture rows (databases that type a column by its first value see a real value).
 */
function promoteFirstCompleteRow(rows: UnitTestInput["rows"]): void {
  if (!Array.isArray(rows)) return;
  const i = rows.findIndex((row) => Object.values(row).every((v) => v !== null && v !== undefined));
  if (i > 0) [rows[0], rows[i]] = [rows[i]!, rows[0]!];
}

/** `ref('seed')` or `ref('package', 'seed')`: the first name, and the second when there is one. */
const SEED_REF = /^ref\s*\(\s*(['"])([^'"]*)\1\s*(?:,\s*(['"])([^'"]*)\3\s*)?\)$/;

function pickOverrides(o: Record<string, unknown>): NonNullable<UnitTestDefinition["overrides"]> {
  const out: NonNullable<UnitTestDefinition["overrides"]> = {};
  for (const key of ["macros", "vars", "env_vars"] as const) if (o[key] && typeof o[key] === "object") out[key] = asRecord(o[key]);
  return out;
}
