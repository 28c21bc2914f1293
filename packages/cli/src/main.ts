/** Entry point of the `tsdbt` binary. Returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(`tsdbt: not implemented yet (${argv.join(" ")})\n`);
  return 2;
}
