/**
 * The data the docs site reads, written by `docs generate` as JavaScript files beside
 * index.html (so the page opens from file:// without fetching anything). The index is loaded
 * at start; the heavy parts of each entry (SQL, meta, config) sit in chunk files loaded when a
 * page needs them.
 */

/** Kinds of entry with a page. */
export type EntryType = "model" | "seed" | "snapshot" | "test" | "analysis" | "operation" | "source" | "exposure" | "macro";

/** A column of an entry: documented, in the catalog, or both. */
export interface SiteColumn {
  name: string;
  /** Description (markdown). */
  desc: string;
  /** The warehouse's type (catalog), else the declared `data_type`, else "". */
  type: string;
  /** Indexes of the tests on this column. */
  tests: number[];
}

/** An entry of the index: everything search, trees, the graph and page headers need. */
export interface SiteEntry {
  id: string;
  type: EntryType;
  name: string;
  pkg: string;
  /** Path from the project directory (original_file_path). */
  path: string;
  fqn: string[];
  desc: string;
  db: string | null;
  schema: string | null;
  /** Identifier in the warehouse (alias), when the entry is a relation. */
  rel: string | null;
  /** Materialization, or the source's loader, or the exposure's type. */
  mat: string | null;
  tags: string[];
  cols: SiteColumn[];
  /** Indexes of graph parents (nodes, sources). */
  parents: number[];
  /** Indexes of the macros this entry calls. */
  macros: number[];
  /** Test: index of the tested entry, and the column. */
  attached?: number;
  column?: string | null;
  /** Test: generic test name (`unique`, `not_null`…). */
  testName?: string;
  /** Catalog statistics shown on the page: [label, value]. */
  stats?: [string, string | number | boolean | null][];
  /** Relation type from the catalog (`BASE TABLE`, `VIEW`…). */
  relType?: string;
  /** Hidden by `docs: {show: false}`. */
  hidden?: boolean;
  /**
   * Column lineage of this entry: column → upstream [entry index or unique id, column, how?][]
   * (`how`: the strongest transformation subtype, e.g. IDENTITY, TRANSFORMATION, AGGREGATION).
   */
  lineage?: Record<string, ([number | string, string] | [number | string, string, string])[]>;
}

/** Heavy per-entry data, loaded in chunks. */
export interface SiteDetail {
  raw: string;
  compiled: string | null;
  meta: Record<string, unknown>;
  /** Config and other attributes shown as a table (access, version, owner, url, loader…). */
  info: Record<string, unknown>;
}

/** The index file's value. */
export interface SiteIndex {
  project: string;
  generatedAt: string;
  adapter: string | null;
  /** Entries per detail chunk; entry i's details are in chunk floor(i / chunkSize). */
  chunkSize: number;
  chunkCount: number;
  /** True when target/column_lineage.json was found. */
  hasColumnLineage: boolean;
  entries: SiteEntry[];
}

/** Global the index script sets (a JSON string, parsed by the app: faster than a literal). */
export const INDEX_GLOBAL = "__tsdbtDocsIndex";
/** Global function chunk scripts call: `__tsdbtDocsChunk(n, json)`. */
export const CHUNK_CALLBACK = "__tsdbtDocsChunk";
/** Global of the one-file site (`docs generate --static`): every chunk's JSON string, by chunk number. */
export const STATIC_CHUNKS_GLOBAL = "__tsdbtDocsChunks";
/** Folder of the site's assets and data inside target/. */
export const ASSETS_DIR = "tsdbt-docs";
