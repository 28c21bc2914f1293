import type { ManifestNode } from "../manifest/types";

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Column names of the `primary_key` constraints in a list of constraints (a model's own, or one column's). */
function primaryKeyConstraintColumns(constraints: unknown, column?: string): string[] {
  const out: string[] = [];
  for (const c of Array.isArray(constraints) ? constraints : []) {
    const constraint = asRecord(c);
    if (constraint.type !== "primary_key") continue;
    if (column !== undefined) out.push(column);
    else if (Array.isArray(constraint.columns)) out.push(...constraint.columns.map(String));
  }
  return out;
}

/** The columns a test says are unique or not null (`unique`, `not_null`, `unique_combination_of_columns`). */
function testedColumns(test: ManifestNode): { kind: "unique" | "not_null"; columns: string[] } | undefined {
  const meta = test.test_metadata;
  if (!meta) return undefined;
  const kwargs = meta.kwargs;
  if (meta.name === "not_null" && typeof kwargs.column_name === "string") return { kind: "not_null", columns: [kwargs.column_name] };
  if (meta.name === "unique" && typeof kwargs.column_name === "string") return { kind: "unique", columns: [kwargs.column_name] };
  if (meta.name === "unique_combination_of_columns" && Array.isArray(kwargs.combination_of_columns)) return { kind: "unique", columns: kwargs.combination_of_columns.map(String) };
  return undefined;
}

/**
 * Fills each model's `primary_key` as dbt infers it: its `primary_key` constraint (the model's,
 * else its columns'), else the columns both unique and not null by data tests, else the
 * columns tested unique (enabled tests before disabled ones). Sorted; empty when nothing says.
 */
export function inferPrimaryKeys(models: ManifestNode[], tests: ManifestNode[]): void {
  const byModel = new Map<string, ManifestNode[]>();
  for (const t of tests) {
    if (!t.attached_node) continue;
    const list = byModel.get(t.attached_node) ?? [];
    list.push(t);
    byModel.set(t.attached_node, list);
  }
  for (const model of models) {
    if (model.resource_type !== "model") continue;
    let key = primaryKeyConstraintColumns(model.constraints);
    if (!key.length) key = Object.values(model.columns).flatMap((c) => primaryKeyConstraintColumns(c.constraints, c.name));
    if (!key.length) {
      const unique = new Set<string>();
      const uniqueDisabled = new Set<string>();
      const notNull = new Set<string>();
      for (const test of byModel.get(model.unique_id) ?? []) {
        const tested = testedColumns(test);
        if (!tested) continue;
        const into = tested.kind === "not_null" ? notNull : test.config.enabled === false ? uniqueDisabled : unique;
        for (const c of tested.columns) into.add(c);
      }
      const both = [...unique].filter((c) => notNull.has(c));
      key = both.length ? both : unique.size ? [...unique] : [...uniqueDisabled];
    }
    model.primary_key = [...new Set(key)].sort();
  }
}
