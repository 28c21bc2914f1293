import type { CommandContext, CommandOutcome } from "../command-context";

type Handler = (ctx: CommandContext) => Promise<CommandOutcome>;

/* Each command's module is loaded when the command runs: `tsdbt parse` need not load the runner,
   the docs site or lineage (about 10 ms of a cold start). */
const execute = (which: "run" | "build" | "seed" | "test" | "snapshot"): Handler => (ctx) => (require("./run") as typeof import("./run")).executeCommand(ctx, which);

/** Command name → handler. */
export const COMMAND_HANDLERS: Record<string, Handler> = {
  parse: (ctx) => (require("./parse") as typeof import("./parse")).parseCommand(ctx),
  compile: (ctx) => (require("./compile") as typeof import("./compile")).compileCommand(ctx),
  ls: (ctx) => (require("./ls") as typeof import("./ls")).lsCommand(ctx),
  debug: (ctx) => (require("./debug") as typeof import("./debug")).debugCommand(ctx),
  init: (ctx) => (require("./init") as typeof import("./init")).initCommand(ctx),
  clone: (ctx) => (require("./clone") as typeof import("./clone")).cloneCommand(ctx),
  clean: (ctx) => (require("./clean") as typeof import("./clean")).cleanCommand(ctx),
  run: execute("run"),
  build: execute("build"),
  seed: execute("seed"),
  test: execute("test"),
  snapshot: execute("snapshot"),
  show: (ctx) => (require("./show") as typeof import("./show")).showCommand(ctx),
  "run-operation": (ctx) => (require("./run-operation") as typeof import("./run-operation")).runOperationCommand(ctx),
  retry: (ctx) => (require("./retry") as typeof import("./retry")).retryCommand(ctx),
  deps: (ctx) => (require("./deps") as typeof import("./deps")).depsCommand(ctx),
  lineage: (ctx) => (require("./lineage") as typeof import("./lineage")).lineageCommand(ctx),
  docs: (ctx) => (require("./docs") as typeof import("./docs")).docsCommand(ctx),
  source: (ctx) => (require("./source-freshness") as typeof import("./source-freshness")).sourceCommand(ctx),
};
