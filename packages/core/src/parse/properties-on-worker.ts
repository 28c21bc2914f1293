import * as fs from "node:fs";
import * as path from "node:path";
import { runOnPrestartedWorker } from "@tsdbt/jinja";
import type { ProjectFile } from "../project/discover-files";
import { loadPyYaml } from "../yaml/pyyaml-schema";

/** A properties file's YAML as the worker read it, or `undefined` when the caller reads it itself. */
export type PreparsedYaml = (file: ProjectFile) => { value: unknown } | undefined;

/**
 * Has the prestarted check worker read the YAML of `files`' properties files while this thread
 * goes on (the worker reads from the last, this thread from the first, and reads on while the worker
 * finishes the file it asked for; see runOnPrestartedWorker): a project's properties files are often
 * the largest text a parse reads. `undefined` when no worker was prestarted (small projects,
 * partial parses) or the job module is not built.
 */
export function readPropertiesOnWorker(files: readonly ProjectFile[]): PreparsedYaml | undefined {
  const properties = files.filter((f) => f.kind === "properties");
  const job = [path.join(__dirname, "..", "yaml", "yaml-worker-job.js"), path.join(__dirname, "..", "..", "dist", "yaml", "yaml-worker-job.js")].find((file) => fs.existsSync(file));
  if (!job || properties.length === 0) return undefined;
  const jobs = runOnPrestartedWorker(job, "loadPropertiesYaml", properties.map((f) => f.contents));
  if (!jobs) return undefined;
  const indexOf = new Map(properties.map((f, i) => [f, i]));
  // files this thread read out of turn, while the worker was at the one it asked for
  const ahead = new Map<number, { value: unknown }>();
  let next = 0;
  const readAhead = () => {
    while (next < properties.length && !jobs.claim(next)) next++;
    if (next >= properties.length) return false;
    const index = next++;
    try {
      ahead.set(index, { value: loadPyYaml(properties[index].contents) ?? null });
    } catch {
      // read again in turn, by parseYaml, for its diagnostic
    }
    return true;
  };
  return (file) => {
    const index = indexOf.get(file);
    if (index === undefined) return undefined;
    const read = ahead.get(index);
    if (read) return ahead.delete(index), read;
    next = Math.max(next, index + 1);
    return jobs.take(index, readAhead);
  };
}
