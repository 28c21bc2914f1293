import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import { DEPS_CODES, depsError } from "./deps-error";

const run = promisify(execFile);

async function git(args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" }, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === "ENOENT") throw depsError(DEPS_CODES.git, "The `git` command was not found.", "Install git and make sure it is on the PATH.");
    const detail = (err.stderr ?? err.message).trim().split("\n").pop();
    throw depsError(DEPS_CODES.git, `git ${args[0]} failed: ${detail}`, "Check the repository URL, that you can reach it, and that the revision exists.");
  }
}

/**
 * Clones `url` into `dir` and checks out `revision` (a tag, a branch or a commit; `HEAD` keeps
 * the default branch). Returns the commit checked out.
 */
export async function cloneAt(url: string, revision: string, dir: string): Promise<string> {
  // a shallow clone of the default branch, a tag or a branch, as dbt does; a commit needs the history
  const shallow = revision === "HEAD" ? ["--depth", "1"] : /^[0-9a-f]{7,40}$/i.test(revision) ? undefined : ["--depth", "1", "--branch", revision];
  if (shallow) {
    try {
      await git(["clone", "--quiet", ...shallow, url, dir]);
      return await git(["rev-parse", "HEAD"], dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await git(["clone", "--quiet", url, dir]);
  if (revision !== "HEAD") {
    try {
      await git(["checkout", "--quiet", revision], dir);
    } catch {
      throw depsError(DEPS_CODES.git, `The revision '${revision}' was not found in ${url}.`, "Give a tag, a branch or a full commit SHA that exists in the repository.");
    }
  }
  return git(["rev-parse", "HEAD"], dir);
}
