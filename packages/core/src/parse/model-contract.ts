import { createHash } from "node:crypto";
import type { ManifestNode } from "../manifest/types";
import { constraintsRepr } from "./model-constraints";

/** Materializations that create the table themselves, so the model's constraints are part of its contract. */
const ENFORCING = new Set(["table", "incremental"]);


/**
 * A model's `contract` as dbt writes it from `config.contract`: enforced, alias_types, and, when
 * enforced, dbt's checksum of what the contract promises: sha256 of `|<name><data_type><constraints>`
 * per column sorted by name, then the materialization and the model's constraints when the
 * materialization enforces them, each list as Python's text of dbt's constraint objects.
 */
export function modelContract(node: ManifestNode): ManifestNode["contract"] {
  const config = (node.config.contract ?? {}) as { enforced?: unknown; alias_types?: unknown };
  const enforced = config.enforced === true;
  const contract = { enforced, alias_types: config.alias_types !== false, checksum: null as string | null };
  if (!enforced) return contract;
  let state = "";
  for (const column of Object.values(node.columns).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    state += `|${column.name}${column.data_type ?? "None"}${constraintsRepr(column.constraints, "column")}`;
  }
  const materialized = String(node.config.materialized);
  if (ENFORCING.has(materialized)) state += materialized + constraintsRepr(node.constraints, "model");
  contract.checksum = createHash("sha256").update(state, "utf8").digest("hex");
  return contract;
}
