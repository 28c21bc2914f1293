import type { Materialization } from "./build-context";

/** `materialized: ephemeral`: nothing to run; dependents inline the model as a CTE at compile time. */
export const ephemeralMaterialization: Materialization = async () => ({ rowsAffected: null, message: "EPHEMERAL" });
