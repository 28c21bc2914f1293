/** Statements that only read: they leave the catalog as it is. */
const READ_ONLY = /^(select|show|describe|desc|with|explain)\b/i;

/** `sql` without its leading comments and blanks. */
function head(sql: string): string {
  return sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, "");
}

/** True when `sql` may create, drop or change a relation (anything but a query, `show` or `describe`). */
export function changesCatalog(sql: string): boolean {
  return !READ_ONLY.test(head(sql));
}

/**
 * Catalog reads (schema listings, column descriptions) kept until the next statement that may
 * change the catalog, so the templates of a compile, which ask for the same relations again and
 * again, cost one `show objects` per schema and one `describe` per relation. Every statement
 * that may write moves the cache to a new generation before it starts and after it ends: a read
 * that overlapped a write is never served again.
 */
export class CatalogCache<T> {
  private generation = 0;
  private readonly entries = new Map<string, { generation: number; value: Promise<T> }>();

  /** The value under `key` read in this generation, else `load()` (kept unless it fails). */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation) return entry.value;
    const value = load();
    const generation = this.generation;
    this.entries.set(key, { generation, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** The value under `key` when this generation has it (a read in flight included), else undefined. */
  peek(key: string): Promise<T> | undefined {
    const entry = this.entries.get(key);
    return entry && entry.generation === this.generation ? entry.value : undefined;
  }

  /** Runs `statement`, which may change the catalog: what was read before it is read again after it. */
  async writing<R>(statement: () => Promise<R>): Promise<R> {
    this.generation++;
    try {
      return await statement();
    } finally {
      this.generation++;
    }
  }
}
