import type { DuckDBConnection } from "@duckdb/node-api";
import { AdapterError } from "@tsdbt/adapter-api";
import { duckdbDialect } from "./duckdb-dialect";

/**
 * Loads the profile's extensions into the instance. A name DuckDB already has loaded is
 * skipped; an installed one is LOADed; a path to a `.duckdb_extension` file is loaded from
 * disk. tsdbt never downloads: an extension that is not installed locally is an error
 * (`TSDBT-E043`) telling the user how to install it.
 */
export async function loadExtensions(connection: DuckDBConnection, extensions: string[]): Promise<void> {
  if (extensions.length === 0) return;
  const known = new Map<string, { loaded: boolean; installed: boolean }>();
  const reader = await connection.runAndReadAll("select extension_name, loaded, installed from duckdb_extensions()");
  for (const [name, loaded, installed] of reader.getRows()) known.set(String(name), { loaded: loaded === true, installed: installed === true });
  for (const extension of extensions) {
    const isFile = extension.includes("/") || extension.includes("\\") || extension.endsWith(".duckdb_extension");
    const state = known.get(extension.toLowerCase());
    if (state?.loaded) continue;
    if (!isFile && !state?.installed) {
      throw new AdapterError(
        "TSDBT-E043",
        `The DuckDB extension '${extension}' is not installed on this machine, and tsdbt does not download extensions.`,
        `Install it once with \`duckdb -c "INSTALL ${extension}"\` (or run \`INSTALL ${extension}\` in any DuckDB ${"session"}), or remove it from the profile's extensions.`,
      );
    }
    try {
      await connection.run(`load ${isFile ? duckdbDialect.literal(extension) : duckdbDialect.quote(extension)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AdapterError("TSDBT-E043", `The DuckDB extension '${extension}' could not be loaded: ${reason}`, "Check the extension name and that it matches this DuckDB version.");
    }
  }
}
