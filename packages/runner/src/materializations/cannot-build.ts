import { RunnerError, RunnerErrorCode } from "../runner-error";
import type { BuildContext } from "./build-context";

/**
 * TSDBT-E401 for a built-in materialization the node's adapter cannot build (a dynamic table off
 * Snowflake, a materialized view or copy job where the engine has none); `why` ends the sentence.
 */
export function cannotBuild(context: Pick<BuildContext, "adapter" | "node">, why: string, hint: string): RunnerError {
  const { adapter, node } = context;
  return new RunnerError(RunnerErrorCode.unknownMaterialization, `Model ${node.name} is materialized as '${node.config.materialized}', which the ${adapter.type} adapter cannot build${why}.`, {
    file: node.original_file_path,
    hint,
  });
}
