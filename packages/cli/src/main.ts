import { invoke } from "./invoke";

/** Entry point of the `tsdbt` binary: runs the command and returns the process exit code. Ctrl-C cancels the run. */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write("Cancelling: waiting for running statements to stop (Ctrl-C again to quit now)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  try {
    const { exitCode } = await invoke(argv, { signal: controller.signal });
    return exitCode;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
