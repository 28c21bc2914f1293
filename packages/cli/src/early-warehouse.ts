import type { AdapterContext, ProfileTarget, WorkerAdapter } from "@tsdbt/adapter-api";
import type { FoundTarget } from "@tsdbt/core";
import { startOpen } from "./warehouse";

/**
 * The adapter worker of a command that will need the warehouse, started as soon as the parse has
 * read the target ({@link EarlyWarehouse.onTarget}): the thread boots and loads the adapter's
 * driver while the rest of the project parses. It opens the adapter (connects, or creates a DuckDB
 * file) only when {@link openWarehouse} takes it, so a project that fails to parse never reaches
 * the warehouse; {@link EarlyWarehouse.close} stops it if nothing took it.
 */
export class EarlyWarehouse {
  private started: { key: string; adapter: Promise<WorkerAdapter>; open: (go: boolean) => void } | undefined;
  private taken = false;

  /**
   * @param threads The command's `--threads`, if given (else the profile's).
   * @param wanted Whether to start the worker for this target (default: always).
   */
  constructor(
    private readonly threads?: number,
    private readonly wanted: (found: FoundTarget) => boolean = () => true,
  ) {}

  /** For the parse's `onTarget`: starts the worker. */
  readonly onTarget = (found: FoundTarget): void => {
    if (this.started || !this.wanted(found)) return;
    const target = { ...found.profile.target, threads: this.threads ?? found.profile.threads } as ProfileTarget;
    const context = { projectDir: found.projectDir, targetPath: found.targetPath };
    let open!: (go: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (open = resolve));
    const adapter = startOpen(target, context, decided);
    // a failure to start or to connect is reported by the command that takes the worker, if one does
    adapter.catch(() => undefined);
    this.started = { key: startKey(target, context), adapter, open };
  };

  /** The started worker, opening now, if it was started for this target and place. */
  take(target: ProfileTarget, context: AdapterContext): Promise<WorkerAdapter> | undefined {
    if (!this.started || this.taken || this.started.key !== startKey(target, context)) return undefined;
    this.taken = true;
    this.started.open(true);
    return this.started.adapter;
  }

  /** Stops the worker, without opening the adapter, unless it was taken (then its warehouse closes it). */
  async close(): Promise<void> {
    if (!this.started || this.taken) return;
    this.taken = true;
    this.started.open(false);
    await this.started.adapter.catch(() => undefined);
  }
}

function startKey(target: ProfileTarget, context: AdapterContext): string {
  return JSON.stringify([target, context.projectDir, context.targetPath]);
}

/** Runs a command with `early`, which it may take (see {@link openWarehouse}), and stops the worker if it did not. */
export async function withEarlyWarehouse<T>(early: EarlyWarehouse, command: (early: EarlyWarehouse) => Promise<T>): Promise<T> {
  try {
    return await command(early);
  } finally {
    await early.close();
  }
}
