import { isDict } from "@tsdbt/jinja";

const views = new WeakMap<object, object>();

/**
 * The node as dbt's templates see it (`model`): the manifest entry as a dict with every key whose
 * value is None left out, in nested dicts too (`model.docs` is `{'show': True}` without
 * `node_color`; `model.get('version', 'absent')` gives 'absent' for an unversioned model). A lazy
 * view over the node, not a copy: reads see later changes, writes go to the node, and the same
 * dict gives the same view (so `model.config is model.config`).
 */
export function nodeDictView<T>(value: T): T {
  if (value === null || typeof value !== "object" || !(isDict(value) || Array.isArray(value))) return value;
  let view = views.get(value);
  if (!view) {
    view = Array.isArray(value) ? new Proxy(value, { get: (t, k, r) => nodeDictView(Reflect.get(t, k, r)) }) : new Proxy(value as Record<string | symbol, unknown>, dictTraps);
    views.set(value, view);
  }
  return view as T;
}

const present = (t: Record<string | symbol, unknown>, k: string | symbol) => Object.prototype.hasOwnProperty.call(t, k) && t[k] !== null && t[k] !== undefined;

const dictTraps: ProxyHandler<Record<string | symbol, unknown>> = {
  get: (t, k) => (typeof k === "symbol" ? t[k] : present(t, k) ? nodeDictView(t[k]) : k in t && t[k] === null ? undefined : t[k]),
  has: (t, k) => (typeof k === "symbol" ? k in t : present(t, k) || (!Object.prototype.hasOwnProperty.call(t, k) && k in t)),
  ownKeys: (t) => Reflect.ownKeys(t).filter((k) => typeof k === "symbol" || present(t, k)),
  getOwnPropertyDescriptor: (t, k) => {
    if (typeof k !== "symbol" && !present(t, k)) return undefined;
    const d = Reflect.getOwnPropertyDescriptor(t, k);
    return d && "value" in d ? { ...d, value: nodeDictView(d.value) } : d;
  },
};
