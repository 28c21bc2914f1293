import type { Graph } from "graphlib";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { dependenciesOf, type SelectableMember } from "./graph-member";
import { cycleDiagnostics } from "./cycle-diagnostics";
import { StringMinHeap } from "./min-heap";

/** `parent_map` and `child_map` as dbt writes them into manifest.json (values sorted). */
export interface ParentChildMaps {
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
}

const NONE: readonly string[] = [];

/**
 * The dependency graph of a manifest. Vertices are nodes, sources, exposures and unit tests;
 * an edge runs from a parent to each child that depends on it, so a test is a child of the
 * models it tests. All traversals are breadth-first and linear in the part of the graph visited.
 *
 * Adjacency is kept in plain maps: building a graphlib graph of 10,000 nodes costs about half a
 * second, so {@link DepGraph.toGraphlib} builds one only when a caller wants its algorithms.
 */
export class DepGraph {
  private readonly members: ReadonlyMap<string, SelectableMember>;
  private readonly parentsOf = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, string[]>();
  private sortedIds: string[] | undefined;
  private graphlib: Graph | undefined;

  /** Builds the graph over `members`; dependencies on ids that are not members are ignored. */
  constructor(members: ReadonlyMap<string, SelectableMember>) {
    this.members = members;
    for (const id of members.keys()) {
      this.parentsOf.set(id, []);
      this.childrenOf.set(id, []);
    }
    for (const [id, member] of members) {
      const parents = this.parentsOf.get(id) as string[];
      for (const parent of dependenciesOf(member)) {
        if (!members.has(parent) || parents.includes(parent)) continue;
        parents.push(parent);
        (this.childrenOf.get(parent) as string[]).push(id);
      }
    }
  }

  /** The same graph as a graphlib `Graph` (edges from parent to child), built on first use. */
  toGraphlib(): Graph {
    if (!this.graphlib) {
      const { Graph: GraphlibGraph } = require("graphlib") as typeof import("graphlib");
      const graph = new GraphlibGraph({ directed: true });
      for (const id of this.members.keys()) graph.setNode(id, this.members.get(id));
      for (const [id, parents] of this.parentsOf) for (const parent of parents) graph.setEdge(parent, id);
      this.graphlib = graph;
    }
    return this.graphlib;
  }

  /** Whether `id` is a vertex of the graph. */
  has(id: string): boolean {
    return this.members.has(id);
  }

  /** The manifest entry behind a vertex. */
  member(id: string): SelectableMember | undefined {
    return this.members.get(id);
  }

  /** Every vertex, sorted by unique id. */
  ids(): string[] {
    this.sortedIds ??= [...this.members.keys()].sort();
    return [...this.sortedIds];
  }

  /** The direct parents of `id` (what it depends on), sorted. */
  parents(id: string): string[] {
    return [...(this.parentsOf.get(id) ?? NONE)].sort();
  }

  /** The direct children of `id` (what depends on it), sorted. */
  children(id: string): string[] {
    return [...(this.childrenOf.get(id) ?? NONE)].sort();
  }

  /**
   * Everything upstream of `from`, up to `depth` edges away (unlimited when omitted).
   * A start is included only when it is itself upstream of another start.
   */
  ancestors(from: string | Iterable<string>, depth?: number): Set<string> {
    return this.walk(from, depth, this.parentsOf);
  }

  /**
   * Everything downstream of `from`, up to `depth` edges away (unlimited when omitted).
   * A start is included only when it is itself downstream of another start.
   */
  descendants(from: string | Iterable<string>, depth?: number): Set<string> {
    return this.walk(from, depth, this.childrenOf);
  }

  /**
   * The members of `subset` (all vertices when omitted) ordered so every node comes after
   * everything it depends on, directly or through vertices outside the subset. Among nodes
   * that are ready at the same time the smallest unique id comes first, so the order is stable.
   *
   * @throws DiagnosticError (TSDBT-E013) when the graph has a cycle
   */
  topologicalOrder(subset?: Iterable<string>): string[] {
    const wanted = subset === undefined ? undefined : new Set(subset);
    const waitingOn = new Map<string, number>();
    const readyWanted = new StringMinHeap();
    const readyOther: string[] = [];
    for (const id of this.members.keys()) {
      const count = (this.parentsOf.get(id) as string[]).length;
      waitingOn.set(id, count);
      if (count === 0) (wanted === undefined || wanted.has(id) ? readyWanted.push(id) : readyOther.push(id));
    }
    const order: string[] = [];
    let processed = 0;
    for (;;) {
      // Drain vertices outside the subset first: they cost nothing and may unblock subset members.
      const id = readyOther.length > 0 ? (readyOther.pop() as string) : readyWanted.pop();
      if (id === undefined) break;
      processed += 1;
      if (wanted === undefined || wanted.has(id)) order.push(id);
      for (const child of this.childrenOf.get(id) as string[]) {
        const left = (waitingOn.get(child) as number) - 1;
        waitingOn.set(child, left);
        if (left === 0) (wanted === undefined || wanted.has(child) ? readyWanted.push(child) : readyOther.push(child));
      }
    }
    if (processed < this.members.size) throw new DiagnosticError(this.findCycles());
    return order;
  }

  /**
   * Every dependency cycle as a TSDBT-E013 diagnostic naming the whole path
   * (`a → b → a`, each node depending on the next) and the file of each member.
   */
  findCycles(): Diagnostic[] {
    return cycleDiagnostics(this.ids(), this.members, (id) => this.parentsOf.get(id) ?? NONE);
  }

  /** `parent_map`/`child_map` for manifest.json: one key per vertex, values sorted. */
  toParentChildMaps(): ParentChildMaps {
    const maps: ParentChildMaps = { parent_map: {}, child_map: {} };
    for (const id of this.ids()) {
      maps.parent_map[id] = this.parents(id);
      maps.child_map[id] = this.children(id);
    }
    return maps;
  }

  private walk(from: string | Iterable<string>, depth: number | undefined, edges: ReadonlyMap<string, string[]>): Set<string> {
    const reached = new Set<string>();
    let frontier = (typeof from === "string" ? [from] : [...from]).filter((id) => this.members.has(id));
    for (let level = 0; frontier.length > 0 && (depth === undefined || level < depth); level++) {
      const upcoming: string[] = [];
      for (const id of frontier) {
        for (const neighbour of edges.get(id) as string[]) {
          if (reached.has(neighbour)) continue;
          reached.add(neighbour);
          upcoming.push(neighbour);
        }
      }
      frontier = upcoming;
    }
    return reached;
  }
}
