import type { DuckDBConnection } from "@duckdb/node-api";
import type { Column, SqlDialect } from "@tsdbt/adapter-api";

/** Options of {@link loadCsvFile}. */
export interface CsvLoadOptions {
  delimiter: string;
  header: boolean;
}

/**
 * Loads a CSV file into `relation` (a rendered, quoted name) through DuckDB's bulk reader
 * `read_csv` with the column names and types given, creating the table when it is missing.
 * Empty fields load as NULL. Returns the number of rows loaded.
 */
export async function loadCsvFile(
  connection: DuckDBConnection,
  dialect: SqlDialect,
  relation: string,
  file: string,
  columns: Column[],
  options: CsvLoadOptions,
): Promise<number> {
  const definitions = columns.map((c) => `${dialect.quote(c.name)} ${c.dataType}`).join(", ");
  const types = columns.map((c) => `${dialect.literal(c.name)}: ${dialect.literal(c.dataType)}`).join(", ");
  const select = columns.map((c) => dialect.quote(c.name)).join(", ");
  await connection.run(`create table if not exists ${relation} (${definitions})`);
  const result = await connection.run(
    `insert into ${relation} (${select}) select ${select} from read_csv(${dialect.literal(file)}, ` +
      `delim = ${dialect.literal(options.delimiter)}, header = ${options.header}, columns = {${types}}, ` +
      `quote = '"', escape = '"', nullstr = '', auto_detect = false)`,
  );
  return result.rowsChanged;
}
