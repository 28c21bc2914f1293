import { loadPartialParse, parseFromInputs, parseProject, saveParse, writeManifest, type ParsedProject, type ProjectOptions } from "@tsdbt/core";
import { projectOptions, type CommandContext } from "./command-context";

/**
 * The parsed project for a command that compiles or runs: from the saved parse state when only
 * models' SQL changed since (partial parsing), else a full parse that saves the state for next
 * time. `--no-partial-parse` (or DBT_PARTIAL_PARSE=false) parses in full and saves nothing.
 */
export async function parseForCommand(ctx: CommandContext, flags: Record<string, unknown> = {}, hooks: Pick<ProjectOptions, "onTarget"> = {}): Promise<ParsedProject> {
  const parsed = await parseOrReuse(ctx, flags, hooks);
  const type = String((parsed.profile.target as { type?: unknown }).type ?? "");
  ctx.logger.fire("AdapterRegistered", `Registered adapter: ${type}=${VERSION}`, { adapter_name: type, adapter_version: `=${VERSION}` });
  return parsed;
}

/**
 * Writes target/manifest.json of the parsed project (unless --no-write-json), as dbt does for
 * every command that reads the project, `ls`, `show`, `run-operation` and `source freshness`
 * included: tools that read the manifest after them see the project as it is now.
 */
export async function writeParsedManifest(ctx: CommandContext, parsed: ParsedProject): Promise<void> {
  if (ctx.args.writeJson) await writeManifest(parsed.targetPath, parsed.manifest);
}

/** This package's version (adapters ship with it). */
const VERSION: string = (require("../package.json") as { version: string }).version;

async function parseOrReuse(ctx: CommandContext, flags: Record<string, unknown>, hooks: Pick<ProjectOptions, "onTarget">): Promise<ParsedProject> {
  const options = { ...projectOptions(ctx, flags), ...hooks };
  if (ctx.args.partialParse === false) return parseProject(options);
  const partial = await loadPartialParse(options);
  if (partial.reused) {
    ctx.logger.fire("PartialParseReused", `Partial parse: ${partial.changedFiles.length} changed file(s) read again.`, { changed_files: partial.changedFiles });
    return partial.parsed;
  }
  ctx.logger.fire("UnableToPartialParse", `Unable to do partial parsing because ${partial.reason}. Starting full parse.`, { reason: `${partial.reason}. Starting full parse.` });
  const parsed = await parseFromInputs(partial.inputs, options);
  if (parsed.project.flags.partial_parse !== false) saveParse(parsed);
  return parsed;
}
