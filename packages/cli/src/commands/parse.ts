import { parseFromInputs, parseProject, saveParse, tryPartialParse, writeManifest, type ParseInputs } from "@tsdbt/core";
import { readFileSync } from "node:fs";
import { fireFoundStats, projectOptions, type CommandContext, type CommandOutcome } from "../command-context";

/**
 * `tsdbt parse`: reads the project and writes target/manifest.json. With partial parsing (the
 * default), only files changed since the last parse are read again when nothing else changed.
 */
export async function parseCommand(ctx: CommandContext): Promise<CommandOutcome> {
  // process.hrtime: `performance` would load perf_hooks (a few ms of a cold parse)
  const started = process.hrtime.bigint();
  const options = projectOptions(ctx);
  let inputs: ParseInputs | undefined;
  if (ctx.args.partialParse !== false) {
    const partial = await tryPartialParse(options);
    if (partial.reused) {
      ctx.logger.diagnostics(partial.warnings);
      fireFoundStats(ctx, partial.counts);
      const note = `partial parse: ${partial.changedFiles.length} changed file${partial.changedFiles.length === 1 ? "" : "s"} read again`;
      ctx.logger.fire("ParseDone", `Parsed the project in ${seconds(started)} (${note}); wrote ${partial.manifestFile}`, { path: partial.manifestFile, partial: true, changed_files: partial.changedFiles });
      return { exitCode: 0, result: lazyManifest(partial.manifestFile) };
    }
    ctx.logger.fire("UnableToPartialParse", `Unable to do partial parsing because ${partial.reason}. Starting full parse.`, { reason: `${partial.reason}. Starting full parse.` });
    inputs = partial.inputs;
  }
  const parsed = inputs ? await parseFromInputs(inputs, options) : await parseProject(options);
  ctx.logger.diagnostics(parsed.diagnostics);
  const file = inputs && parsed.project.flags.partial_parse !== false ? saveParse(parsed, "manifest.json") : await writeManifest(parsed.targetPath, parsed.manifest);
  fireFoundStats(ctx, parsed);
  ctx.logger.fire("ParseDone", `Parsed the project in ${seconds(started)}; wrote ${file}`, { path: file, partial: false });
  return { exitCode: 0, result: parsed.manifest };
}

function seconds(since: bigint): string {
  return `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(2)}s`;
}

/** The manifest for the Node API, read from disk only if the caller asks for it. */
function lazyManifest(file: string): unknown {
  let value: unknown;
  const load = () => (value ??= JSON.parse(readFileSync(file, "utf8"))) as object;
  return new Proxy({}, {
    get: (_, key) => Reflect.get(load(), key),
    has: (_, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(load(), key),
  });
}
