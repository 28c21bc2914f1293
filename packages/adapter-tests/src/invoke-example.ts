/**
 * Runs the built CLI's public Node API (`invoke`) on a copy of example-project for one target,
 * collecting what it prints: the end-to-end example-project tests of every adapter use it.
 */
export async function invokeExample(projectDir: string, target: string, ...argv: string[]): Promise<{ exitCode: number; output: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const lines: string[] = [];
  const result = await invoke([...argv, "--project-dir", projectDir, "--target", target], { write: (line: string) => lines.push(line) });
  return { ...result, output: lines.join("\n") };
}
