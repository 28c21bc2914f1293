import type { SelectableMember } from "../../graph/graph-member";
import type { Manifest } from "../../manifest/types";

/** How a member differs from the same unique id in the state manifest. */
export type StateChange = "body" | "configs" | "relation" | "persisted_descriptions" | "macros" | "contract";

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function without(member: object, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(member as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

const BOOKKEEPING = ["created_at", "config", "unrendered_config", "description", "columns"];

/**
 * Compares the current manifest with a previous one (`--state`) the way `state:` selection
 * needs: node bodies by checksum, configs (unrendered when recorded, else rendered),
 * relation names, persisted descriptions, contracts, and macros reached through `depends_on.macros`.
 */
export class StateComparison {
  private readonly changedMacros = new Map<string, boolean>();

  constructor(
    private readonly current: Manifest,
    private readonly previous: Manifest,
  ) {}

  /** The previous version of a member, or undefined when it is new. */
  previousOf(id: string): SelectableMember | undefined {
    const state = this.previous;
    const found = state.nodes[id] ?? state.sources[id] ?? state.exposures[id] ?? state.unit_tests?.[id];
    return found as SelectableMember | undefined;
  }

  /** Whether `member` differs from `old` in the given way. */
  differs(member: SelectableMember, old: SelectableMember, change: StateChange): boolean {
    const now = record(member);
    const then = record(old);
    switch (change) {
      case "body": {
        // a unit test's checksum is the hash itself (null when a manifest has none: compared whole then)
        if (member.resource_type === "unit_test") {
          if (typeof now.checksum === "string" && typeof then.checksum === "string") return now.checksum !== then.checksum;
        } else if ("checksum" in member && "checksum" in old) return member.checksum.checksum !== old.checksum.checksum;
        // dbt compares an exposure's description as part of it; a source's counts only where persisted
        const ignored = member.resource_type === "exposure" ? BOOKKEEPING.filter((key) => key !== "description") : BOOKKEEPING;
        return stableJson(without(member, ignored)) !== stableJson(without(old, ignored));
      }
      case "configs": {
        const unrendered = Object.keys(record(now.unrendered_config)).length + Object.keys(record(then.unrendered_config)).length > 0;
        const key = unrendered ? "unrendered_config" : "config";
        return stableJson(now[key] ?? {}) !== stableJson(then[key] ?? {});
      }
      case "relation": {
        const name = member.resource_type === "source" ? "identifier" : "alias";
        return ["database", "schema", name].some((field) => now[field] !== then[field]);
      }
      case "persisted_descriptions": {
        const persist = record(record(now.config).persist_docs);
        const columnDescriptions = (entry: Record<string, unknown>) =>
          stableJson(Object.values(record(entry.columns)).map((column) => [record(column).name, record(column).description]));
        return (
          (persist.relation === true && now.description !== then.description) ||
          (persist.columns === true && columnDescriptions(now) !== columnDescriptions(then))
        );
      }
      case "contract": {
        const contractNow = record(now.contract);
        const contractThen = record(then.contract);
        // a node kind without contracts (seeds) has none in the saved manifest: absent is "not enforced"
        if (Boolean(contractNow.enforced) !== Boolean(contractThen.enforced)) return true;
        return contractNow.enforced === true && contractNow.checksum !== contractThen.checksum;
      }
      case "macros": {
        const macros = "depends_on" in member ? (member.depends_on.macros ?? []) : [];
        return macros.some((id) => this.macroChanged(id, new Set()));
      }
    }
  }

  /** Whether a macro, or any macro it calls, is new or has a different body. */
  private macroChanged(id: string, visiting: Set<string>): boolean {
    const known = this.changedMacros.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false;
    visiting.add(id);
    const macro = this.current.macros[id];
    const old = this.previous.macros[id];
    const changed =
      macro !== undefined &&
      (old === undefined || old.macro_sql !== macro.macro_sql || macro.depends_on.macros.some((callee) => this.macroChanged(callee, visiting)));
    this.changedMacros.set(id, changed);
    return changed;
  }
}
