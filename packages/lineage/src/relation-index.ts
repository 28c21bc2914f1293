import type { Manifest } from "@tsdbt/core";

/**
 * Maps relation names as compiled SQL writes them (`"db"."schema"."name"`, `schema.name`, …)
 * back to manifest nodes and sources, through their `relation_name` (or database, schema and
 * alias/identifier when relation_name is missing). Matching ignores case and quotes.
 */
export class RelationIndex {
  private readonly exact = new Map<string, string>();
  private readonly suffix = new Map<string, string | null>();

  constructor(manifest: Manifest) {
    const add = (id: string, parts: (string | null | undefined)[]) => {
      const clean = parts.filter((p): p is string => Boolean(p)).map((p) => p.toLowerCase());
      if (!clean.length) return;
      this.exact.set(clean.join("."), id);
      // shorter names (schema.name, name) match when only one relation ends that way
      for (let i = 1; i < clean.length; i++) {
        const key = clean.slice(i).join(".");
        const seen = this.suffix.get(key);
        this.suffix.set(key, seen === undefined || seen === id ? id : null);
      }
    };
    for (const node of Object.values(manifest.nodes)) {
      if (!["model", "seed", "snapshot"].includes(node.resource_type)) continue;
      if (node.config?.materialized === "ephemeral") continue;
      add(node.unique_id, node.relation_name ? splitRelationName(node.relation_name) : [node.database, node.schema, node.alias]);
    }
    for (const src of Object.values(manifest.sources)) {
      add(src.unique_id, src.relation_name ? splitRelationName(src.relation_name) : [src.database, src.schema, src.identifier]);
    }
  }

  /** The node or source id a relation reference names, or undefined. */
  lookup(parts: string[]): string | undefined {
    const key = parts.map((p) => p.toLowerCase()).join(".");
    return this.exact.get(key) ?? this.suffix.get(key) ?? undefined;
  }
}

/** Splits `"db"."schema"."name"` (or backticked / bracketed / bare) into its unquoted parts. */
export function splitRelationName(name: string): string[] {
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]|([^."`[\]\s]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(name))) {
    const part = m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? m[3] ?? m[4]);
    // a backticked BigQuery name may hold every part in one quote
    if (m[2] !== undefined) parts.push(...part.split("."));
    else parts.push(part);
  }
  return parts;
}
