import { DuckDBInstance } from "@duckdb/node-api";

interface SharedInstance {
  instance: Promise<DuckDBInstance>;
  users: number;
}

const shared = new Map<string, SharedInstance>();

/**
 * Opens a DuckDB database, sharing one instance per file within the process (two instances
 * of one file in a process would corrupt it). `:memory:` databases are never shared.
 * Pair every call with {@link releaseInstance}.
 */
export function acquireInstance(filePath: string): Promise<DuckDBInstance> {
  if (filePath === ":memory:") return DuckDBInstance.create(filePath);
  let entry = shared.get(filePath);
  if (!entry) {
    entry = { instance: DuckDBInstance.create(filePath), users: 0 };
    shared.set(filePath, entry);
    entry.instance.catch(() => shared.delete(filePath));
  }
  entry.users++;
  return entry.instance;
}

/** Gives an instance back; the last user closes the file. */
export function releaseInstance(filePath: string, instance: DuckDBInstance): void {
  const entry = shared.get(filePath);
  if (filePath === ":memory:" || !entry) {
    instance.closeSync();
    return;
  }
  if (--entry.users === 0) {
    shared.delete(filePath);
    instance.closeSync();
  }
}
