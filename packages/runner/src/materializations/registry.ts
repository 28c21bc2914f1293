import type { ManifestNode } from "@tsdbt/core";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import type { Materialization } from "./build-context";
import { copyMaterialization } from "./copy";
import { dynamicTableMaterialization } from "./dynamic-table";
import { ephemeralMaterialization } from "./ephemeral";
import { incrementalMaterialization } from "./incremental";
import { materializedViewMaterialization } from "./materialized-view";
import { tableMaterialization } from "./table";
import { viewMaterialization } from "./view";

/** Model materializations by their `materialized` config name. */
export const MODEL_MATERIALIZATIONS: Readonly<Record<string, Materialization>> = {
  view: viewMaterialization,
  table: tableMaterialization,
  incremental: incrementalMaterialization,
  ephemeral: ephemeralMaterialization,
  materialized_view: materializedViewMaterialization,
  dynamic_table: dynamicTableMaterialization,
  copy: copyMaterialization,
};

/**
 * tsdbt's built-in (TypeScript) materialization a model asks for; the runner consults the
 * project's and packages' `{% materialization %}` macros first. @throws RunnerError TSDBT-E401 for an unknown name.
 */
export function materializationFor(node: ManifestNode): Materialization {
  const name = node.config.materialized;
  const found = MODEL_MATERIALIZATIONS[name];
  if (found) return found;
  throw new RunnerError(RunnerErrorCode.unknownMaterialization, `Model ${node.name} is materialized as '${name}', which tsdbt does not know.`, {
    file: node.original_file_path,
    hint: `Use one of ${Object.keys(MODEL_MATERIALIZATIONS).join(", ")}, or define {% materialization ${name}, default %} in the project's macros.`,
  });
}

