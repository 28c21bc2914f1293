import { invoke } from "./invoke";

/**
 * What Ctrl-C does: the first aborts `controller` (running statements are cancelled, the command
 * ends with what finished) and says so on `write`; any later one calls `exit(130)` at once.
 */
export function interruptHandler(controller: AbortController, write: (text: string) => void, exit: (code: number) => void): { onSigint: () => void; readonly interrupted: boolean } {
  let interrupted = false;
  return {
    onSigint: () => {
      if (interrupted) return exit(130);
      interrupted = true;
      write("Cancelling: waiting for running statements to stop (Ctrl-C again to quit now)\n");
      controller.abort();
    },
    get interrupted() {
      return interrupted;
    },
  };
}

/**
 * Entry point of the `tsdbt` binary: runs the command and returns the process exit code. Ctrl-C
 * cancels the run (exit code 2, as dbt); a second Ctrl-C exits at once with 130.
 */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const handler = interruptHandler(controller, (text) => process.stderr.write(text), (code) => process.exit(code));
  process.on("SIGINT", handler.onSigint);
  try {
    const { exitCode } = await invoke(argv, { signal: controller.signal });
    // dbt exits 2 when Ctrl-C stopped the command (its KeyboardInterrupt is an unhandled error)
    return handler.interrupted ? 2 : exitCode;
  } finally {
    // after a first Ctrl-C the handler stays until the process ends, so a second one still exits with 130
    if (!handler.interrupted) process.off("SIGINT", handler.onSigint);
  }
}
