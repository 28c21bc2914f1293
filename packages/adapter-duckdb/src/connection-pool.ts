import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/**
 * A fixed-size pool of connections to one DuckDB instance: at most `size` connections,
 * opened on first need and prepared by `setup` (settings, extensions, `USE`). Callers wait
 * in order when every connection is busy.
 */
export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly busy = new Set<DuckDBConnection>();
  private readonly waiters: { resolve: (c: DuckDBConnection) => void; reject: (e: Error) => void }[] = [];
  private opening = 0;
  private readonly drained: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
    private readonly setup: (connection: DuckDBConnection) => Promise<void>,
  ) {}

  /** Runs `fn` on a connection of its own and gives the connection back afterwards. */
  async use<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await fn(connection);
    } finally {
      this.release(connection);
    }
  }

  /** Interrupts every statement running now and fails the callers still waiting for a connection. */
  interruptAll(reason: Error): void {
    for (const connection of this.busy) connection.interrupt();
    for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
  }

  /** Interrupts running statements, waits for them to stop and disconnects every connection; later calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.interruptAll(new Error("The DuckDB adapter was closed."));
    while (this.busy.size > 0 || this.opening > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    for (const connection of this.idle.splice(0)) connection.closeSync();
  }

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error("The DuckDB adapter is closed.");
    const ready = this.idle.pop();
    if (ready) {
      this.busy.add(ready);
      return ready;
    }
    if (this.busy.size + this.opening < this.size) {
      this.opening++;
      let connection: DuckDBConnection | undefined;
      try {
        connection = await this.instance.connect();
        await this.setup(connection);
        this.opening--;
        this.busy.add(connection);
        return connection;
      } catch (error) {
        connection?.closeSync();
        this.opening--;
        this.notifyDrained();
        // The slot is free again: let the next waiter try to open it.
        const waiter = this.waiters.shift();
        if (waiter) this.acquire().then(waiter.resolve, waiter.reject);
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(connection: DuckDBConnection): void {
    if (this.closed) {
      this.busy.delete(connection);
      connection.closeSync();
      this.notifyDrained();
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve(connection);
      return;
    }
    this.busy.delete(connection);
    this.idle.push(connection);
  }

  private notifyDrained(): void {
    if (this.busy.size === 0 && this.opening === 0) for (const resolve of this.drained.splice(0)) resolve();
  }
}
