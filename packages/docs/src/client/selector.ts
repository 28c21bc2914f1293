import type { SiteEntry } from "../shared/site-data";

/**
 * dbt's node selection syntax, evaluated in the page over the index: unions (space),
 * intersections (comma), graph operators (`+x`, `x+`, `2+x+1`, `@x`), wildcards (`*`, `?`)
 * and the common methods (tag, path, file, fqn, resource_type, package, source, exposure,
 * test_name, test_type, config.KEY); a bare value matches names, fqn and paths.
 */

/** What selection works on: the entries and each entry's children (parents are on the entry). */
export interface SelectableGraph {
  entries: SiteEntry[];
  children: number[][];
}

/** One parsed criterion. */
export interface Criterion {
  method: string;
  value: string;
  parents: number | null;
  children: number | null;
  at: boolean;
}

/** The result of {@link selectEntries}. */
export interface Selection {
  ids: Set<number>;
  errors: string[];
}

const METHODS = ["name", "tag", "path", "file", "fqn", "resource_type", "package", "source", "exposure", "test_name", "test_type", "config"];
const INFINITE = Number.POSITIVE_INFINITY;

/** Parses one criterion such as `2+tag:nightly+` or `@orders`. */
export function parseCriterion(text: string): Criterion {
  const m = /^(@)?(?:(\d*)\+)?(.*?)(?:\+(\d*))?$/.exec(text.trim())!;
  const body = m[3];
  const colon = body.indexOf(":");
  let method = "default";
  let value = body;
  if (colon > 0 && !/^[a-z]:[\\/]/i.test(body)) {
    method = body.slice(0, colon);
    value = body.slice(colon + 1);
  }
  return {
    method,
    value,
    at: Boolean(m[1]),
    parents: m[2] !== undefined ? (m[2] === "" ? INFINITE : Number(m[2])) : null,
    children: m[4] !== undefined ? (m[4] === "" ? INFINITE : Number(m[4])) : null,
  };
}

/** A glob (`*`, `?`) as a case-sensitive regular expression over the whole value. */
export function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

const sourceName = (e: SiteEntry) => e.id.split(".")[2] ?? "";

/** Does entry `e` match `method:value` (no graph operators)? */
export function matches(e: SiteEntry, method: string, value: string): boolean {
  const re = globRegExp(value);
  const path = e.path.replace(/\\/g, "/");
  switch (method) {
    case "default":
      if (value.includes("/") || /\.(sql|csv|py|yml)$/.test(value)) return matches(e, "path", value);
      return matches(e, "fqn", value);
    case "name":
      return re.test(e.name);
    case "fqn": {
      if (re.test(e.name)) return true;
      // a dotted prefix of the fqn, with or without the package name
      const parts = value.split(".").map(globRegExp);
      const at = (offset: number) => parts.length <= e.fqn.length - offset && parts.every((p, k) => p.test(e.fqn[offset + k]));
      return at(0) || at(1);
    }
    case "tag":
      return e.tags.some((t) => re.test(t));
    case "path": {
      const v = value.replace(/\\/g, "/").replace(/\/+$/, "");
      return globRegExp(v).test(path) || path.startsWith(`${v}/`) || (/[*?]/.test(v) && globRegExp(`${v}/*`).test(path));
    }
    case "file":
      return re.test(path.slice(path.lastIndexOf("/") + 1)) || re.test(e.name);
    case "resource_type":
      return re.test(e.type);
    case "package":
      return re.test(e.pkg);
    case "source": {
      if (e.type !== "source") return false;
      const [src, table] = value.split(".");
      return globRegExp(src).test(sourceName(e)) && (table === undefined || globRegExp(table).test(e.name));
    }
    case "exposure":
      return e.type === "exposure" && re.test(e.name);
    case "test_name":
      return e.type === "test" && re.test(e.testName ?? e.name);
    case "test_type":
      return e.type === "test" && (value === "generic" || value === "data" ? e.testName !== undefined || value === "data" : value === "singular" ? e.testName === undefined : false);
    default:
      if (method.startsWith("config.")) {
        const key = method.slice(7);
        if (key === "materialized") return e.mat !== null && re.test(e.mat);
        if (key === "tags") return e.tags.some((t) => re.test(t));
        if (key === "schema") return e.schema !== null && re.test(e.schema);
        if (key === "alias") return e.rel !== null && re.test(e.rel);
        if (key === "database") return e.db !== null && re.test(e.db);
      }
      return false;
  }
}

/** Entries within `depth` steps along `next` from `start` (excluded). */
export function walk(start: Iterable<number>, next: (i: number) => number[], depth: number): Set<number> {
  const seen = new Set<number>();
  let frontier = [...start];
  for (let d = 0; d < depth && frontier.length; d++) {
    const following: number[] = [];
    for (const i of frontier) {
      for (const j of next(i)) {
        if (!seen.has(j)) {
          seen.add(j);
          following.push(j);
        }
      }
    }
    frontier = following;
  }
  return seen;
}

function evaluate(graph: SelectableGraph, c: Criterion, errors: string[]): Set<number> {
  const known = c.method === "default" || METHODS.includes(c.method) || c.method.startsWith("config.");
  if (!known) {
    errors.push(`Unknown selector method '${c.method}'. Methods: ${METHODS.join(", ")}, config.KEY.`);
    return new Set();
  }
  const base = new Set<number>();
  graph.entries.forEach((e, i) => {
    if (e.type !== "macro" && matches(e, c.method, c.value)) base.add(i);
  });
  const out = new Set(base);
  const parentsOf = (i: number) => graph.entries[i].parents;
  const childrenOf = (i: number) => graph.children[i];
  if (c.at) {
    const down = walk(base, childrenOf, INFINITE);
    for (const i of down) out.add(i);
    for (const i of walk([...base, ...down], parentsOf, INFINITE)) out.add(i);
    return out;
  }
  if (c.parents !== null) for (const i of walk(base, parentsOf, c.parents)) out.add(i);
  if (c.children !== null) for (const i of walk(base, childrenOf, c.children)) out.add(i);
  return out;
}

function evaluateUnion(graph: SelectableGraph, text: string, errors: string[]): Set<number> {
  const out = new Set<number>();
  for (const spec of text.trim().split(/\s+/).filter(Boolean)) {
    const parts = spec.split(",").filter(Boolean).map((p) => evaluate(graph, parseCriterion(p), errors));
    if (!parts.length) continue;
    const [first, ...rest] = parts;
    for (const i of first) if (rest.every((s) => s.has(i))) out.add(i);
  }
  return out;
}

/** Evaluates `select` minus `exclude` (dbt's syntax for both). An empty `select` selects everything but macros. */
export function selectEntries(graph: SelectableGraph, select: string, exclude = ""): Selection {
  const errors: string[] = [];
  const ids = select.trim() ? evaluateUnion(graph, select, errors) : new Set(graph.entries.flatMap((e, i) => (e.type === "macro" ? [] : [i])));
  if (exclude.trim()) for (const i of evaluateUnion(graph, exclude, errors)) ids.delete(i);
  return { ids, errors };
}

/** Children of every entry, from the parents on each entry. */
export function childrenOf(entries: SiteEntry[]): number[][] {
  const children: number[][] = entries.map(() => []);
  entries.forEach((e, i) => {
    for (const p of e.parents) children[p].push(i);
  });
  return children;
}
