import type { EventTimeFilter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "../manifest/types";
import { PyDateTime } from "../context/modules/py-datetime";
import { UTC } from "../context/modules/py-tz";

/** One batch of a microbatch model, as the runner asks core to render it. */
export interface MicrobatchBatch {
  /** dbt's batch id: the batch start formatted for the batch size, without dashes (`20240901`, `20240901T13`). */
  id: string;
  /** Start of the batch window (inclusive), an ISO instant. */
  eventTimeStart: string;
  /** End of the batch window (exclusive), an ISO instant. */
  eventTimeEnd: string;
  /** The batch's start as dbt prints it (`2024-09-01`, `2024-09-01T13`): it names the batch's compiled file. */
  label?: string;
}

/** Whether a node is a microbatch model (`materialized: incremental`, `incremental_strategy: microbatch`). */
export function isMicrobatchModel(node: Pick<ManifestNode, "resource_type" | "config">): boolean {
  return node.resource_type === "model" && node.config.materialized === "incremental" && node.config.incremental_strategy === "microbatch";
}

/** An ISO instant as the aware UTC datetime dbt gives templates (`2024-09-01 00:00:00+00:00` when printed). */
function utcDateTime(iso: string): PyDateTime {
  return PyDateTime.fromInstant(Date.parse(iso) * 1000, UTC);
}

/**
 * The node as templates see it while one batch renders: `model.batch` holds `id`,
 * `event_time_start` and `event_time_end` (aware UTC datetimes), and the config carries the
 * batch window under dbt's internal keys, which adapters' strategy macros read. A copy: the
 * manifest's node is left as it is.
 */
export function nodeForBatch(node: ManifestNode, batch: MicrobatchBatch): ManifestNode {
  const start = utcDateTime(batch.eventTimeStart);
  const end = utcDateTime(batch.eventTimeEnd);
  const config = { ...node.config, __dbt_internal_microbatch_event_time_start: start, __dbt_internal_microbatch_event_time_end: end };
  return { ...node, config, batch: { id: batch.id, event_time_start: start, event_time_end: end } } as ManifestNode;
}

/**
 * The filter dbt puts on a ref or source of a batch: the rows of the batch window, on the
 * referenced node's own `event_time` column. Null when that node has no `event_time`.
 */
export function eventTimeFilterFor(target: { config?: Record<string, unknown> | null }, batch: MicrobatchBatch): EventTimeFilter | null {
  const field = target.config?.event_time;
  if (typeof field !== "string" || field === "") return null;
  return { field_name: field, start: String(utcDateTime(batch.eventTimeStart)), end: String(utcDateTime(batch.eventTimeEnd)) };
}
