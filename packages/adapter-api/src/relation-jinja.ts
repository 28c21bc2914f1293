import type { QuotePolicy, Relation, RelationPath, RelationType } from "./relation";

/** One Python method of a relation: positional and keyword arguments apart. */
type Method = (self: Relation, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** Binds Python-style arguments to parameter names (positional first, then keywords). */
function bind(names: readonly string[], args: unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (i < args.length) out[n] = args[i];
    else if (n in kwargs) out[n] = kwargs[n];
  });
  return out;
}

const PARTS = ["database", "schema", "identifier"] as const;

function policyArgs(args: unknown[], kwargs: Record<string, unknown>): Partial<QuotePolicy> {
  const bound = bind(PARTS, args, kwargs);
  const out: Partial<QuotePolicy> = {};
  for (const k of PARTS) if (typeof bound[k] === "boolean") out[k] = bound[k] as boolean;
  return out;
}

function pathArgs(value: unknown): Partial<RelationPath> {
  const out: Partial<RelationPath> = {};
  if (!value || typeof value !== "object") return out;
  for (const k of PARTS) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v === null ? null : String(v);
  }
  return out;
}

/**
 * A relation's attribute as dbt's `relation[key]` / `relation.get(key)` reads it: its fields
 * (path, type, quote_policy, …), properties (database, name, is_table, …); undefined for others.
 */
export function relationAttribute(self: Relation, key: string): unknown {
  switch (key) {
    case "path":
      return self.path;
    case "quote_policy":
      return self.quotePolicy;
    case "include_policy":
      return self.includePolicy;
    case "database":
    case "schema":
    case "identifier":
      return self.path[key];
    case "name":
    case "table":
      return self.path.identifier;
    case "is_table":
    case "is_view":
    case "is_cte":
    case "is_materialized_view":
    case "is_pointer":
    case "is_function":
    case "can_be_renamed":
    case "can_be_replaced":
      return self[key];
  }
  const dict = self.toDict();
  if (key in dict) return dict[key];
  const method = relationJinjaMethods[key];
  return method ? (...args: unknown[]) => method(self, args, {}) : undefined;
}

/**
 * The Python methods templates call on a relation, with dbt's signatures:
 * `get`, `quote`, `include`, `incorporate`, `replace_path`, `without_identifier`, `render`,
 * `render_limited`, `matches`, `to_dict`. Iterating a relation (items/keys/values) is an error
 * in dbt, as here.
 */
export const relationJinjaMethods: Record<string, Method> = {
  get: (self, args, kwargs) => {
    const { key, default: dflt } = bind(["key", "default"], args, kwargs);
    if (key === "metadata") return { type: self.className };
    const v = relationAttribute(self, String(key));
    return v === undefined ? (dflt ?? null) : v;
  },
  quote: (self, args, kwargs) => self.quote(policyArgs(args, kwargs)),
  include: (self, args, kwargs) => self.include(policyArgs(args, kwargs)),
  incorporate: (self, _args, kwargs) =>
    self.incorporate({
      path: pathArgs(kwargs.path),
      type: kwargs.type === undefined ? undefined : ((kwargs.type as RelationType | null) ?? null),
      quote_policy: kwargs.quote_policy as Partial<QuotePolicy> | undefined,
      include_policy: kwargs.include_policy as Partial<QuotePolicy> | undefined,
    }),
  replace_path: (self, _args, kwargs) => self.replacePath(pathArgs(kwargs)),
  without_identifier: (self) => self.withoutIdentifier(),
  render: (self) => self.render(),
  information_schema: (self, args, kwargs) => {
    const view = args[0] ?? kwargs.view_name;
    return self.informationSchema(typeof view === "string" ? view : null);
  },
  render_limited: (self) => self.render_limited(),
  render_event_time_filtered: (self, args, kwargs) => {
    const rendered = args[0] ?? kwargs.rendered;
    return self.render_event_time_filtered(typeof rendered === "string" && rendered !== "" ? rendered : undefined);
  },
  matches: (self, args, kwargs) => {
    const wanted = bind(PARTS, args, kwargs);
    const given = PARTS.filter((k) => wanted[k] !== undefined && wanted[k] !== null);
    if (given.length === 0) throw new Error("Tried to match relation, but no search path was passed!");
    return given.every((k) => self.path[k] === wanted[k]);
  },
  to_dict: (self, args, kwargs) => {
    const { omit_none } = bind(["omit_none"], args, kwargs);
    // dbt's to_dict() keeps None fields unless omit_none=True
    const dict = self.toDict();
    if (omit_none) for (const [k, v] of Object.entries(dict)) if (v === null) delete dict[k];
    return dict;
  },
  items: (self) => mappingView("ItemsView", self),
  keys: (self) => mappingView("KeysView", self),
  values: (self) => mappingView("ValuesView", self),
};

/** dbt's message when a relation is iterated or measured like a dict. */
export function notADictMessage(self: Relation): string {
  return `The object ("${self.render()}") was used as a dictionary. This capability has been removed from objects of this type.`;
}

/** What `relation.items()` gives in dbt: a view that prints, but fails when iterated. */
function mappingView(kind: string, self: Relation): object {
  return {
    [Symbol.for("tsdbt.jinja.repr")]: () => `${kind}(<${self.className} ${self.render()}>)`,
    toString: () => `${kind}(<${self.className} ${self.render()}>)`,
    [Symbol.iterator]: () => {
      throw new Error(notADictMessage(self));
    },
  };
}
