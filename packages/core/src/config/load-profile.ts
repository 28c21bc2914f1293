import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import * as path from "node:path";
import type { ProfileTarget } from "@tsdbt/adapter-api";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { diagnosticAt } from "../yaml/diagnostic-at";
import { parseYaml, type ParsedYaml } from "../yaml/parse-yaml";
import type { EnvironmentVariables } from "./env-var";
import type { LoadResult } from "./load-error";
import { renderYamlValues } from "./render-yaml-values";
import { createYamlContext } from "./yaml-context";
import { isPlainObject, type Vars } from "./vars";

/** Options of {@link loadProfile}. */
export interface LoadProfileOptions {
  projectDir: string;
  /** `--profiles-dir`: when given, the only place looked at. */
  profilesDir?: string;
  /** The `profile:` of dbt_project.yml (or `--profile`). */
  profileName: string;
  /** `--target`; default: the profile's `target:` key. */
  targetName?: string;
  env: EnvironmentVariables;
  /** `--vars`, visible to `var()` in the target. */
  cliVars?: Vars;
  /** Home directory for `~/.dbt` (default: the user's). */
  homeDir?: string;
}

/** The chosen target of profiles.yml, rendered. */
export interface LoadedProfile {
  profileName: string;
  targetName: string;
  target: ProfileTarget;
  /** The target's `threads` (default 1). */
  threads: number;
  /** Absolute path of the profiles.yml read. */
  file: string;
  /** The top-level `config:` block (user settings), as written. */
  config: Record<string, unknown>;
}

/** Schema used when a target names none, by adapter type. */
const DEFAULT_SCHEMA: Readonly<Record<string, string>> = { duckdb: "main" };
/** Keys of a target read as integers even when Jinja rendered them as text. */
const INTEGER_KEYS = ["threads", "port"];

/**
 * Finds profiles.yml (`--profiles-dir`, else DBT_PROFILES_DIR, else TSDBT_PROFILES_DIR, else the
 * project folder, else ~/.dbt), picks the profile and target, and renders `env_var()` in that
 * target only. TSDBT-E005: no profiles.yml or no such profile; TSDBT-E006: no such target;
 * TSDBT-E003: a target of the wrong shape; TSDBT-E004: a missing env var in the chosen target.
 */
export async function loadProfile(options: LoadProfileOptions): Promise<LoadResult<LoadedProfile>> {
  const candidates = profileDirectories(options);
  for (const dir of candidates) {
    const file = path.join(dir, "profiles.yml");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      continue;
    }
    return profileFromText(text, file, options);
  }
  return {
    value: null,
    diagnostics: [
      {
        code: "TSDBT-E005",
        severity: "error",
        message: `No profiles.yml was found for profile '${options.profileName}'; looked in ${candidates.join(", ")}.`,
        hint: "Create profiles.yml in the project folder or ~/.dbt, or point --profiles-dir (or DBT_PROFILES_DIR) at its folder.",
      },
    ],
  };
}

/** The folders {@link loadProfile} looks in, in order. */
export function profileDirectories(options: Pick<LoadProfileOptions, "projectDir" | "profilesDir" | "env" | "homeDir">): string[] {
  const explicit = options.profilesDir ?? options.env.DBT_PROFILES_DIR ?? options.env.TSDBT_PROFILES_DIR;
  if (explicit) return [path.resolve(explicit)];
  return [path.resolve(options.projectDir), path.join(options.homeDir ?? homedir(), ".dbt")];
}

/** {@link loadProfile} on text already read; `file` names it in diagnostics. */
export function profileFromText(text: string, file: string, options: Omit<LoadProfileOptions, "projectDir" | "profilesDir">): LoadResult<LoadedProfile> {
  const result = readProfileText(text, file, options);
  for (const d of result.diagnostics) if (d.snippet !== undefined) d.snippet = maskProfileLine(d.snippet);
  return result;
}

/**
 * A line of profiles.yml as a diagnostic may show it: the key kept, the value replaced by `***`
 * (profile values are often passwords or keys, and no message ever prints one).
 */
export function maskProfileLine(line: string): string {
  const keyed = /^(\s*(?:-\s+)?[^\s:#'"][^:#]*:)(\s+)(\S.*)$/.exec(line);
  if (keyed) return `${keyed[1]}${keyed[2]}***`;
  if (/^\s*[^\s:#]+:\s*(#.*)?$/.test(line)) return line.replace(/#.*$/, "");
  const indent = /^\s*/.exec(line)![0];
  return line.trim() === "" ? line : `${indent}***`;
}

function readProfileText(text: string, file: string, options: Omit<LoadProfileOptions, "projectDir" | "profilesDir">): LoadResult<LoadedProfile> {
  const parsed = parseYaml(text, file);
  if (parsed.diagnostics.length > 0) return { value: null, diagnostics: parsed.diagnostics };
  const root = isPlainObject(parsed.value) ? parsed.value : {};
  const { profileName } = options;
  const profileNames = Object.keys(root).filter((k) => k !== "config");
  const profile = root[profileName];
  if (!isPlainObject(profile)) {
    return fail(parsed, [], "TSDBT-E005", `The profile '${profileName}' is not defined in ${file}.`, available("profiles", profileNames, "profile: in dbt_project.yml"));
  }
  const diagnostics: Diagnostic[] = [];
  // dbt renders profiles with env_var(), --vars and its base context (no target: the profile defines it)
  const context = { env: options.env, vars: options.cliVars, extra: createYamlContext({ env: options.env }), secretsAllowed: true };
  const outputs = isPlainObject(profile.outputs) ? profile.outputs : {};
  const targetNames = Object.keys(outputs);
  let targetName = options.targetName;
  if (targetName === undefined) {
    const written = renderYamlValues(profile.target ?? "default", parsed, [profileName, "target"], context, diagnostics);
    targetName = String(written);
  }
  const where: (string | number)[] = options.targetName === undefined && profile.target !== undefined ? [profileName, "target"] : [profileName];
  const raw = outputs[targetName];
  if (!isPlainObject(raw)) {
    return fail(parsed, where, "TSDBT-E006", `The target '${targetName}' is not defined in profile '${profileName}' of ${file}.`, available("targets", targetNames, "--target or the profile's target:"), diagnostics);
  }
  const targetPath = [profileName, "outputs", targetName];
  const rendered = renderYamlValues(raw, parsed, targetPath, context, diagnostics) as Record<string, unknown>;
  for (const key of INTEGER_KEYS) {
    if (typeof rendered[key] === "string" && /^\s*\d+\s*$/.test(rendered[key] as string)) rendered[key] = Number(rendered[key]);
  }
  const bad = (key: string, message: string, hint: string) => diagnostics.push(diagnosticAt(parsed, [...targetPath, key], { code: "TSDBT-E003", message, hint }, true));
  if (typeof rendered.type !== "string" || rendered.type === "") {
    bad("type", `The target '${targetName}' of profile '${profileName}' has no adapter 'type'.`, "Add `type: duckdb` (or postgres, snowflake, bigquery) to the target.");
  }
  const type = String(rendered.type ?? "");
  const schema = rendered.schema ?? rendered.dataset ?? DEFAULT_SCHEMA[type];
  if (typeof schema !== "string" || schema === "") {
    bad("schema", `The target '${targetName}' of profile '${profileName}' has no 'schema'.`, "Add `schema: <name>` to the target; models are built there unless configured otherwise.");
  }
  const threads = rendered.threads ?? 1;
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1) {
    bad("threads", `'threads' of target '${targetName}' must be a whole number of at least 1, but it is ${typeof threads === "number" ? "not" : `a ${Array.isArray(threads) ? "list" : typeof threads}`}.`, "Set `threads: 4` (any positive whole number).");
  }
  if (diagnostics.some((d) => d.severity === "error")) return { value: null, diagnostics };
  const database = rendered.database ?? rendered.dbname ?? rendered.project;
  const target: ProfileTarget = { ...rendered, type, schema: String(schema), threads: threads as number };
  if (typeof database === "string") target.database = database;
  return {
    value: {
      profileName,
      targetName,
      target,
      threads: threads as number,
      file,
      config: isPlainObject(root.config) ? root.config : {},
    },
    diagnostics,
  };
}

function available(what: string, names: string[], setting: string): string {
  return names.length > 0 ? `Available ${what}: ${names.join(", ")}. Check ${setting}.` : `The file defines no ${what}.`;
}

function fail(parsed: ParsedYaml, at: (string | number)[], code: string, message: string, hint: string, earlier: Diagnostic[] = []): LoadResult<LoadedProfile> {
  return { value: null, diagnostics: [...earlier, diagnosticAt(parsed, at, { code, message, hint }, at.length > 0)] };
}
