import { parseProject, writeManifest } from "@tsdbt/core";
import { foundLine, projectOptions, type CommandContext, type CommandOutcome } from "../command-context";

/** `tsdbt parse`: reads the project and writes target/manifest.json. */
export async function parseCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const started = performance.now();
  const parsed = await parseProject(projectOptions(ctx));
  ctx.logger.diagnostics(parsed.diagnostics);
  const file = await writeManifest(parsed.targetPath, parsed.manifest);
  ctx.logger.info("FoundStats", "W013", foundLine(parsed), { static_parse: parsed.stats.static, rendered_parse: parsed.stats.rendered });
  ctx.logger.info("ParseDone", "I001", `Parsed the project in ${((performance.now() - started) / 1000).toFixed(2)}s; wrote ${file}`, { path: file });
  return { exitCode: 0, result: parsed.manifest };
}
