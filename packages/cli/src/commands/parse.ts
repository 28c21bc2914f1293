import { buildParseState, parseFromInputs, parseProject, tryPartialParse, writeManifestWithLayout, writeParseState, type ParseInputs } from "@tsdbt/core";
import { readFileSync } from "node:fs";
import { foundLine, projectOptions, type CommandContext, type CommandOutcome } from "../command-context";

/**
 * `tsdbt parse`: reads the project and writes target/manifest.json. With partial parsing (the
 * default), only files changed since the last parse are read again when nothing else changed.
 */
export async function parseCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const started = performance.now();
  const options = projectOptions(ctx);
  let inputs: ParseInputs | undefined;
  if (ctx.args.partialParse !== false) {
    const partial = await tryPartialParse(options);
    if (partial.reused) {
      ctx.logger.diagnostics(partial.warnings);
      ctx.logger.info("FoundStats", "W013", foundLine(partial.counts), { static_parse: partial.stats.static, rendered_parse: partial.stats.rendered, reused: true });
      const note = `partial parse: ${partial.changedFiles.length} changed file${partial.changedFiles.length === 1 ? "" : "s"} read again`;
      ctx.logger.info("ParseDone", "I001", `Parsed the project in ${seconds(started)} (${note}); wrote ${partial.manifestFile}`, { path: partial.manifestFile, partial: true, changed_files: partial.changedFiles });
      return { exitCode: 0, result: lazyManifest(partial.manifestFile) };
    }
    ctx.logger.info("PartialParsingNotEnabled", "I002", `Unable to do partial parsing because ${partial.reason}. Starting full parse.`);
    inputs = partial.inputs;
  }
  const parsed = inputs ? await parseFromInputs(inputs, options) : await parseProject(options);
  ctx.logger.diagnostics(parsed.diagnostics);
  const { file, layout } = writeManifestWithLayout(parsed.targetPath, parsed.manifest);
  if (ctx.args.partialParse !== false && parsed.project.flags.partial_parse !== false) writeParseState(parsed.targetPath, buildParseState(parsed, file, layout));
  ctx.logger.info("FoundStats", "W013", foundLine(parsed), { static_parse: parsed.stats.static, rendered_parse: parsed.stats.rendered, reused: false });
  ctx.logger.info("ParseDone", "I001", `Parsed the project in ${seconds(started)}; wrote ${file}`, { path: file, partial: false });
  return { exitCode: 0, result: parsed.manifest };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)}s`;
}

/** The manifest for the Node API, read from disk only if the caller asks for it. */
function lazyManifest(file: string): unknown {
  let value: unknown;
  return new Proxy({}, {
    get: (_, key) => Reflect.get((value ??= JSON.parse(readFileSync(file, "utf8"))) as object, key),
    has: (_, key) => Reflect.has((value ??= JSON.parse(readFileSync(file, "utf8"))) as object, key),
    ownKeys: () => Reflect.ownKeys((value ??= JSON.parse(readFileSync(file, "utf8"))) as object),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor((value ??= JSON.parse(readFileSync(file, "utf8"))) as object, key),
  });
}
