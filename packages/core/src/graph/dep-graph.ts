import { Graph } from "graphlib";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import { dependenciesOf, type SelectableMember } from "./graph-member";
import { cycleDiagnostics } from "./cycle-diagnostics";
import { StringMinHeap } from "./min-heap";

/** `parent_map` and `child_map` as dbt writes them into manifest.json (values sorted). */
export interface ParentChildMaps {
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
}

/**
 * The dependency graph of a manifest. Vertices are nodes, sources, exposures and unit tests;
 * an edge runs from a parent to each child that depends on it, so a test is a child of the
 * models it tests. All traversals are breadth-first and linear in the part of the graph visited.
 */
export class DepGraph {
  /** The underlying graphlib graph (edges point from parent to child). */
  readonly graph: Graph;
  private readonly members: ReadonlyMap<string, SelectableMember>;
  private sortedIds: string[] | undefined;

  /** Builds the graph over `members`; dependencies on ids that are not members are ignored. */
  constructor(members: ReadonlyMap<string, SelectableMember>) {
    this.members = members;
    this.graph = new Graph({ directed: true });
    for (const id of members.keys()) this.graph.setNode(id);
    for (const [id, member] of members) {
      for (const parent of dependenciesOf(member)) {
        if (members.has(parent)) this.graph.setEdge(parent, id);
      }
    }
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
    return (this.graph.predecessors(id) ?? []).sort();
  }

  /** The direct children of `id` (what depends on it), sorted. */
  children(id: string): string[] {
    return (this.graph.successors(id) ?? []).sort();
  }

  /**
   * Everything upstream of `from`, up to `depth` edges away (unlimited when omitted).
   * A start is included only when it is itself upstream of another start.
   */
  ancestors(from: string | Iterable<string>, depth?: number): Set<string> {
    return this.walk(from, depth, (id) => this.graph.predecessors(id) ?? []);
  }

  /**
   * Everything downstream of `from`, up to `depth` edges away (unlimited when omitted).
   * A start is included only when it is itself downstream of another start.
   */
  descendants(from: string | Iterable<string>, depth?: number): Set<string> {
    return this.walk(from, depth, (id) => this.graph.successors(id) ?? []);
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
      const count = (this.graph.predecessors(id) ?? []).length;
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
      for (const child of this.graph.successors(id) ?? []) {
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
    return cycleDiagnostics(this.ids(), this.members, (id) => this.graph.predecessors(id) ?? []);
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

  private walk(from: string | Iterable<string>, depth: number | undefined, next: (id: string) => string[]): Set<string> {
    const reached = new Set<string>();
    let frontier = (typeof from === "string" ? [from] : [...from]).filter((id) => this.members.has(id));
    for (let level = 0; frontier.length > 0 && (depth === undefined || level < depth); level++) {
      const upcoming: string[] = [];
      for (const id of frontier) {
        for (const neighbour of next(id)) {
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
