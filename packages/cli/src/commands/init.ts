import { existsSync } from "node:fs";
import { cp, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { DiagnosticError } from "@tsdbt/core";
import type { CommandContext, CommandOutcome } from "../command-context";

/** Where the starter projects are: the repository's templates/ (or a copy shipped in the package). */
export function templatesDir(): string {
  const candidates = [path.resolve(__dirname, "../../../../templates"), path.resolve(__dirname, "../../templates")];
  return candidates.find((d) => existsSync(d)) ?? candidates[0];
}

async function substitute(dir: string, name: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    const file = path.join(dir, entry);
    if ((await stat(file)).isDirectory()) await substitute(file, name);
    else {
      const text = await readFile(file, "utf8");
      if (text.includes("__PROJECT_NAME__")) await writeFile(file, text.replace(/__PROJECT_NAME__/g, name));
      if (entry === "gitignore") await rename(file, path.join(dir, ".gitignore"));
    }
  }
}

/** `tsdbt init NAME [duckdb|postgres|bigquery]`: scaffolds a new project from a starter. */
export async function initCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const [name, adapterArg] = ctx.args.positional;
  const fail = (message: string, hint: string): never => {
    throw new DiagnosticError([{ code: "TSDBT-E050", severity: "error", message, hint }]);
  };
  if (!name) fail("tsdbt init needs a project name.", "Run `tsdbt init my_project`.");
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`'${name}' is not a valid project name: use letters, digits and underscores, not starting with a digit.`, "Try `tsdbt init my_project`.");
  const adapter = adapterArg ?? "duckdb";
  const source = path.join(templatesDir(), adapter);
  if (!existsSync(source)) fail(`There is no starter for adapter '${adapter}'.`, `Starters: ${(await readdir(templatesDir())).join(", ")}.`);
  const dest = path.resolve(ctx.cwd, name);
  if (existsSync(dest)) fail(`${dest} already exists; tsdbt init will not overwrite it.`, "Choose another name or remove the folder.");
  await cp(source, dest, { recursive: true });
  await substitute(dest, name);
  ctx.logger.fire("ProjectCreated", `Created project '${name}' in ${dest}. Next: cd ${name} && tsdbt build`);
  return { exitCode: 0, result: { path: dest } };
}
