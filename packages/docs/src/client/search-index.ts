import type { SiteEntry } from "../shared/site-data";

/** One search hit. */
export interface SearchHit {
  index: number;
  score: number;
  /** Where the query matched: `name`, `column`, `description`, `path` or `tag`. */
  where: string;
  /** The matching column, when `where` is `column`. */
  column?: string;
}

const TYPE_BONUS: Record<string, number> = { model: 6, source: 5, seed: 5, snapshot: 5, exposure: 5, analysis: 2, macro: -15, test: -30 };

/**
 * Search over names, descriptions, columns (names and descriptions), paths and tags. The
 * lower-cased texts are built once; a query is one linear scan (a few ms at 10,000 models).
 */
export class SearchIndex {
  private readonly names: string[];
  private readonly descs: string[];
  private readonly columns: string[][];
  private readonly columnDescs: string[];
  private readonly paths: string[];
  private readonly tags: string[];

  constructor(private readonly entries: SiteEntry[]) {
    this.names = entries.map((e) => e.name.toLowerCase());
    this.descs = entries.map((e) => e.desc.toLowerCase());
    this.columns = entries.map((e) => e.cols.map((c) => c.name.toLowerCase()));
    this.columnDescs = entries.map((e) => e.cols.map((c) => c.desc).join("\n").toLowerCase());
    this.paths = entries.map((e) => e.path.toLowerCase());
    this.tags = entries.map((e) => e.tags.join(" ").toLowerCase());
  }

  /** Hits for `query` (every word must match somewhere), best first, at most `limit`. */
  search(query: string, limit = 500): SearchHit[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const hits: SearchHit[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      if (this.entries[i].hidden) continue;
      let score = 0;
      let where = "";
      let column: string | undefined;
      let all = true;
      for (const w of words) {
        const s = this.scoreWord(i, w);
        if (!s) {
          all = false;
          break;
        }
        score += s.score;
        if (!where || s.score > 50) {
          where = s.where;
          column = s.column ?? column;
        }
      }
      if (all) hits.push({ index: i, score: score + (TYPE_BONUS[this.entries[i].type] ?? 0), where, column });
    }
    hits.sort((a, b) => b.score - a.score || this.names[a.index].length - this.names[b.index].length || (this.names[a.index] < this.names[b.index] ? -1 : 1));
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }

  private scoreWord(i: number, w: string): { score: number; where: string; column?: string } | undefined {
    const name = this.names[i];
    if (name === w) return { score: 100, where: "name" };
    if (name.startsWith(w)) return { score: 80, where: "name" };
    if (name.includes(w)) return { score: 60, where: "name" };
    const cols = this.columns[i];
    for (let k = 0; k < cols.length; k++) {
      if (cols[k] === w) return { score: 45, where: "column", column: this.entries[i].cols[k].name };
    }
    for (let k = 0; k < cols.length; k++) {
      if (cols[k].includes(w)) return { score: 35, where: "column", column: this.entries[i].cols[k].name };
    }
    if (this.descs[i].includes(w)) return { score: 20, where: "description" };
    if (this.columnDescs[i].includes(w)) return { score: 15, where: "column description" };
    if (this.tags[i].includes(w)) return { score: 12, where: "tag" };
    if (this.paths[i].includes(w)) return { score: 10, where: "path" };
    return undefined;
  }
}
