import type { AdapterFactory } from "./adapter";

/**
 * An error the adapter layer raises for something the user can fix (an unknown adapter
 * type, a bad profile key, a missing extension). `code` is stable (`TSDBT-E0xx`) and
 * `hint` suggests the fix. Errors the warehouse raises keep the engine's own message instead.
 */
export class AdapterError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = "AdapterError";
    this.code = code;
    this.hint = hint;
  }
}

/** Adapter short names tsdbt ships packages for, offered when a `type` is misspelled. */
const KNOWN_ADAPTER_TYPES = ["duckdb", "postgres", "snowflake", "bigquery"];

/** Options of {@link loadAdapter}. */
export interface LoadAdapterOptions {
  /** Directories to resolve the adapter package from (e.g. the project directory), before tsdbt's own. */
  paths?: string[];
}

/**
 * Loads the adapter package for a profile `type` (`duckdb` → `@tsdbt/adapter-duckdb`) at call
 * time, so core never imports a driver, and returns its `createAdapter` factory.
 * Throws {@link AdapterError} `TSDBT-E040` when no such package is installed and
 * `TSDBT-E041` when the package is broken or exports no `createAdapter` function.
 */
export function loadAdapter(type: string, options: LoadAdapterOptions = {}): AdapterFactory {
  const packageName = `@tsdbt/adapter-${type}`;
  if (!/^[a-z][a-z0-9_-]*$/.test(type)) throw unknownAdapter(type, packageName);
  let resolved: string;
  try {
    resolved = require.resolve(packageName, options.paths?.length ? { paths: [...options.paths, __dirname] } : undefined);
  } catch {
    throw unknownAdapter(type, packageName);
  }
  let loaded: unknown;
  try {
    loaded = require(resolved);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError(
      "TSDBT-E041",
      `The adapter package ${packageName} for type '${type}' could not be loaded: ${reason}`,
      `Reinstall ${packageName} and its driver (npm install ${packageName}).`,
    );
  }
  const factory = (loaded as { createAdapter?: unknown } | null)?.createAdapter;
  if (typeof factory !== "function") {
    throw new AdapterError(
      "TSDBT-E041",
      `The adapter package ${packageName} does not export a createAdapter function.`,
      `Check that ${packageName} is a tsdbt adapter and matches this version of tsdbt.`,
    );
  }
  return factory as AdapterFactory;
}

function unknownAdapter(type: string, packageName: string): AdapterError {
  const closest = closestName(type, KNOWN_ADAPTER_TYPES);
  const suggestion = closest && closest !== type ? ` Did you mean '${closest}'?` : "";
  return new AdapterError(
    "TSDBT-E040",
    `No adapter is installed for the profile type '${type}'.${suggestion}`,
    `Install the adapter package with \`npm install ${packageName}\`, or fix the target's \`type\` in profiles.yml.`,
  );
}

function closestName(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
