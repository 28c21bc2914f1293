import { CHUNK_CALLBACK, INDEX_GLOBAL, STATIC_CHUNKS_GLOBAL, type SiteDetail, type SiteEntry, type SiteIndex } from "../shared/site-data";
import { ColumnLineage } from "./column-lineage";
import { SearchIndex } from "./search-index";
import { childrenOf } from "./selector";

/** Puts back the empty values the writer leaves out of the index. */
function withDefaults(e: SiteEntry): SiteEntry {
  e.desc ??= "";
  e.db ??= null;
  e.schema ??= null;
  e.rel ??= null;
  e.mat ??= null;
  e.tags ??= [];
  e.fqn ??= [];
  e.parents ??= [];
  e.macros ??= [];
  e.cols ??= [];
  for (const c of e.cols) {
    c.desc ??= "";
    c.type ??= "";
    c.tests ??= [];
  }
  return e;
}

/**
 * The site's data in the page: the index (parsed once), lookups built once (ids, children,
 * search), and entry details loaded chunk by chunk with <script> tags (works from file://).
 */
export class DocsStore {
  readonly entries: SiteEntry[];
  readonly byId = new Map<string, number>();
  readonly children: number[][];
  private searchIndex?: SearchIndex;
  private lineage?: ColumnLineage;
  private readonly chunks = new Map<number, Promise<SiteDetail[]>>();
  private readonly waiting = new Map<number, (details: SiteDetail[]) => void>();

  constructor(readonly index: SiteIndex, private readonly dataUrl = "tsdbt-docs/data") {
    this.entries = index.entries.map(withDefaults);
    this.entries.forEach((e, i) => this.byId.set(e.id, i));
    this.children = childrenOf(this.entries);
    (window as unknown as Record<string, unknown>)[CHUNK_CALLBACK] = (n: number, json: string) => {
      this.waiting.get(n)?.(JSON.parse(json) as SiteDetail[]);
      this.waiting.delete(n);
    };
  }

  /** Reads the index the data script left in the page. */
  static fromPage(): DocsStore {
    const raw = (window as unknown as Record<string, unknown>)[INDEX_GLOBAL];
    if (typeof raw !== "string") throw new Error("The docs data (tsdbt-docs/data/index.js) did not load; run `tsdbt docs generate` again.");
    return new DocsStore(JSON.parse(raw) as SiteIndex);
  }

  /** The search index (built on first use). */
  get search(): SearchIndex {
    return (this.searchIndex ??= new SearchIndex(this.entries));
  }

  /** Column lineage (indexes built on first use). */
  get columnLineage(): ColumnLineage {
    return (this.lineage ??= new ColumnLineage(this.entries));
  }

  /** Details of entry `i` (loads its chunk once). */
  detail(i: number): Promise<SiteDetail> {
    const n = Math.floor(i / this.index.chunkSize);
    let chunk = this.chunks.get(n);
    // the one-file site (static_index.html) holds every chunk already
    const inPage = ((window as unknown as Record<string, unknown>)[STATIC_CHUNKS_GLOBAL] as string[] | undefined)?.[n];
    if (!chunk && inPage !== undefined) {
      chunk = Promise.resolve(JSON.parse(inPage) as SiteDetail[]);
      this.chunks.set(n, chunk);
    }
    if (!chunk) {
      chunk = new Promise<SiteDetail[]>((resolve, reject) => {
        this.waiting.set(n, resolve);
        const script = document.createElement("script");
        script.src = `${this.dataUrl}/chunk-${n}.js`;
        script.onerror = () => {
          this.chunks.delete(n);
          reject(new Error(`Could not load ${script.src}`));
        };
        document.head.append(script);
      });
      this.chunks.set(n, chunk);
    }
    return chunk.then((details) => details[i - n * this.index.chunkSize]);
  }

  /** Label of an entry for lists: `source_name.table` for sources, the name otherwise. */
  label(i: number): string {
    const e = this.entries[i];
    return e.type === "source" ? `${e.id.split(".")[2]}.${e.name}` : e.name;
  }
}
