import type { CommandContext, CommandOutcome } from "../command-context";
import { cleanCommand } from "./clean";
import { compileCommand } from "./compile";
import { debugCommand } from "./debug";
import { initCommand } from "./init";
import { lsCommand } from "./ls";
import { parseCommand } from "./parse";
import { executeCommand } from "./run";
import { showCommand } from "./show";
import { runOperationCommand } from "./run-operation";
import { retryCommand } from "./retry";
import { depsCommand } from "./deps";
import { lineageCommand } from "./lineage";
import { docsCommand } from "./docs";
import { sourceCommand } from "./source-freshness";

/** Command name → handler. */
export const COMMAND_HANDLERS: Record<string, (ctx: CommandContext) => Promise<CommandOutcome>> = {
  parse: parseCommand,
  compile: compileCommand,
  ls: lsCommand,
  debug: debugCommand,
  init: initCommand,
  clean: cleanCommand,
  run: (ctx) => executeCommand(ctx, "run"),
  build: (ctx) => executeCommand(ctx, "build"),
  seed: (ctx) => executeCommand(ctx, "seed"),
  test: (ctx) => executeCommand(ctx, "test"),
  snapshot: (ctx) => executeCommand(ctx, "snapshot"),
  show: showCommand,
  "run-operation": runOperationCommand,
  retry: retryCommand,
  deps: depsCommand,
  lineage: lineageCommand,
  docs: docsCommand,
  source: sourceCommand,
};
