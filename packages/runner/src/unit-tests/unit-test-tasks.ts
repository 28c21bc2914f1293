import type { Manifest } from "@tsdbt/core";
import type { ScheduledTask } from "../scheduler/dag-scheduler";

/**
 * Adds the selected unit tests to a run's tasks. A unit test waits for what its model waits
 * for (so the model's inputs exist and type the fixtures), and the model, when selected
 * too (`build`), waits for its unit tests: a failing unit test skips the model.
 */
export function withUnitTestTasks(manifest: Manifest, selected: readonly string[], tasks: readonly ScheduledTask[]): ScheduledTask[] {
  const unitTests = manifest.unit_tests ?? {};
  const ids = selected.filter((id) => unitTests[id] !== undefined);
  if (ids.length === 0) return [...tasks];
  const out = tasks.map((t) => ({ id: t.id, parents: [...t.parents] }));
  const byId = new Map(out.map((t) => [t.id, t]));
  for (const id of ids) {
    const modelId = (unitTests[id] as { depends_on: { nodes: string[] } }).depends_on.nodes[0];
    const model = modelId ? byId.get(modelId) : undefined;
    out.push({ id, parents: model ? model.parents.filter((p) => manifest.nodes[p]?.resource_type !== "test") : [] });
    model?.parents.push(id);
  }
  return out;
}
