import type { SiteEntry } from "../shared/site-data";

/** A folder or a leaf of a navigation tree. */
export interface TreeNode {
  key: string;
  label: string;
  /** Entry index for a leaf. */
  entry?: number;
  children?: TreeNode[];
  /** Leaves under this folder. */
  count?: number;
}

const GROUPS: [string, string][] = [
  ["model", "Models"],
  ["seed", "Seeds"],
  ["snapshot", "Snapshots"],
  ["source", "Sources"],
  ["test", "Data tests"],
  ["analysis", "Analyses"],
  ["exposure", "Exposures"],
  ["macro", "Macros"],
];

function folder(key: string, label: string): TreeNode {
  return { key, label, children: [], count: 0 };
}

function finish(node: TreeNode): number {
  if (!node.children) return 1;
  node.children.sort((a, b) => Number(!a.children) - Number(!b.children) || a.label.localeCompare(b.label));
  node.count = node.children.reduce((n, c) => n + finish(c), 0);
  return node.count;
}

/** The project tree: package → resource kind → folders of the file path (sources by source name). */
export function projectTree(entries: SiteEntry[], rootPackage: string): TreeNode[] {
  const packages = new Map<string, TreeNode>();
  const folders = new Map<string, TreeNode>();
  const at = (key: string, label: string, parent: TreeNode): TreeNode => {
    let f = folders.get(key);
    if (!f) {
      f = folder(key, label);
      folders.set(key, f);
      parent.children!.push(f);
    }
    return f;
  };
  entries.forEach((e, i) => {
    if (e.hidden) return;
    let pkg = packages.get(e.pkg);
    if (!pkg) packages.set(e.pkg, (pkg = folder(`p:${e.pkg}`, e.pkg)));
    const group = GROUPS.find((g) => g[0] === e.type) ?? [e.type, e.type];
    let node = at(`p:${e.pkg}/${group[0]}`, group[1], pkg);
    const dirs = e.type === "source" ? [e.id.split(".")[2] ?? ""] : e.path.split(/[\\/]/).slice(1, -1);
    let key = node.key;
    for (const d of dirs) {
      key += `/${d}`;
      node = at(key, d, node);
    }
    node.children!.push({ key: `e:${e.id}`, label: e.type === "source" ? `${e.id.split(".")[2]}.${e.name}` : e.name, entry: i });
  });
  const roots = [...packages.values()];
  roots.forEach(finish);
  // the project's own package first, then the others (dbt's built-ins last)
  return roots.sort((a, b) => Number(b.label === rootPackage) - Number(a.label === rootPackage) || a.label.localeCompare(b.label));
}

/** The database tree: database → schema → relations (models, seeds, snapshots and sources in the warehouse). */
export function databaseTree(entries: SiteEntry[]): TreeNode[] {
  const dbs = new Map<string, TreeNode>();
  const schemas = new Map<string, TreeNode>();
  entries.forEach((e, i) => {
    if (e.rel === null || e.schema === null || e.hidden) return;
    const dbName = e.db ?? "(default)";
    let db = dbs.get(dbName);
    if (!db) dbs.set(dbName, (db = folder(`d:${dbName}`, dbName)));
    const key = `d:${dbName}/${e.schema}`;
    let schema = schemas.get(key);
    if (!schema) {
      schemas.set(key, (schema = folder(key, e.schema)));
      db.children!.push(schema);
    }
    schema.children!.push({ key: `r:${e.id}`, label: e.rel, entry: i });
  });
  const roots = [...dbs.values()];
  roots.forEach(finish);
  return roots.sort((a, b) => a.label.localeCompare(b.label));
}

/** One visible row of a tree: the node and its depth. */
export interface TreeRow {
  node: TreeNode;
  depth: number;
}

/** The rows shown for the `open` folders (by key), in order. */
export function visibleRows(roots: TreeNode[], open: Set<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (nodes: TreeNode[], depth: number) => {
    for (const n of nodes) {
      rows.push({ node: n, depth });
      if (n.children && open.has(n.key)) visit(n.children, depth + 1);
    }
  };
  visit(roots, 0);
  return rows;
}

/** Keys of the folders that lead to `entryKey` (to reveal an entry in the tree). */
export function pathTo(roots: TreeNode[], entryKey: string): string[] | undefined {
  const trail: string[] = [];
  const visit = (nodes: TreeNode[]): boolean => {
    for (const n of nodes) {
      if (n.key === entryKey) return true;
      if (n.children) {
        trail.push(n.key);
        if (visit(n.children)) return true;
        trail.pop();
      }
    }
    return false;
  };
  return visit(roots) ? trail : undefined;
}
