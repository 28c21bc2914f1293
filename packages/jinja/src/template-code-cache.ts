import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { openCacheFile, writeCacheFile } from "./template-cache-file";

/**
 * A store of the JavaScript that templates compile to, so a new process does not parse and generate
 * code again for template text it has compiled before (package macros, unchanged models). It holds
 * code generation only, never a render result: every template still runs in every parse, and a
 * syntax error is never stored (a template that fails to compile is compiled again next time).
 */
export interface TemplateCodeCache {
  /** The generated code of `source` compiled with filters and tests `vocabulary`, if stored. */
  get(vocabulary: string, source: string): string | undefined;
  /** Stores the generated code of `source`. */
  set(vocabulary: string, source: string, code: string): void;
}

/** A {@link TemplateCodeCache} kept in one JSON file (template-cache-file.ts); {@link FileTemplateCodeCache.save} writes it when it grew. */
export interface FileTemplateCodeCache extends TemplateCodeCache {
  /** Writes the file if entries were added since it was read (to a temporary file, then renamed). Never throws. */
  save(): void;
  /** How many lookups were answered from the file and how many were not. */
  readonly stats: { hits: number; misses: number };
}

/** In the CLI's one-file bundle: the hash of this package's compiled files it was made from (scripts/bundle.mjs defines it). */
declare const __TSDBT_JINJA_BUILD__: string | undefined;

let fingerprint: string | undefined;

/**
 * What the generated code depends on besides a template's text and vocabulary: this package's
 * compiled files (name, size, mtime; in the CLI's bundle, the hash of their text it was made from,
 * which spares a cold start reading ~70 files' metadata). Rebuilding or upgrading tsdbt changes it
 * and empties the cache.
 */
export function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  if (typeof __TSDBT_JINJA_BUILD__ === "string") return (fingerprint = __TSDBT_JINJA_BUILD__);
  const hash = createHash("sha1");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) {
        const st = fs.statSync(full);
        hash.update(`${path.relative(__dirname, full)}\u0000${st.size}\u0000${st.mtimeMs}\n`);
      }
    }
  };
  walk(__dirname);
  return (fingerprint = hash.digest("hex"));
}

/** Stored entries a process may leave unused before a save drops them. */
export const MAX_UNUSED = 2000;

const keyOf = (vocabulary: string, source: string) => createHash("sha1").update(vocabulary).update("\u0000").update(source).digest("base64url");

/**
 * Opens the template code cache kept in `file` (missing, unreadable or written by another build of
 * tsdbt: an empty cache). A save keeps the entries read from the file and adds the new ones, unless
 * more than {@link MAX_UNUSED} of the stored entries went unused in this process (old versions of
 * edited templates pile up): then only the entries this process used are kept.
 */
export function openTemplateCodeCache(file: string): FileTemplateCodeCache {
  const compiler = compilerFingerprint();
  // the fingerprint and index only: a code is read when it is looked up
  const stored = openCacheFile(file, compiler);
  const storesAny = stored !== undefined && stored.keys.size > 0;
  // templates this process looked up or added, by vocabulary and text: their key (a hash of both, computed
  // once, when the file is first looked up or written; a new cache is never looked up) and code, if any
  const seen = new Map<string, Map<string, { key?: string; code?: string }>>();
  const entryOf = (vocabulary: string, source: string) => {
    let bySource = seen.get(vocabulary);
    if (!bySource) seen.set(vocabulary, (bySource = new Map()));
    let entry = bySource.get(source);
    if (!entry) bySource.set(source, (entry = {}));
    return entry;
  };
  let added = false;
  const stats = { hits: 0, misses: 0 };
  return {
    stats,
    get(vocabulary, source) {
      const entry = entryOf(vocabulary, source);
      if (entry.code === undefined && storesAny) entry.code = stored.code((entry.key ??= keyOf(vocabulary, source)));
      if (entry.code === undefined) return stats.misses++, undefined;
      stats.hits++;
      return entry.code;
    },
    set(vocabulary, source, code) {
      entryOf(vocabulary, source).code = code;
      added = true;
    },
    save() {
      if (!added) return;
      added = false;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const used = new Map<string, string>();
        for (const [vocabulary, bySource] of seen) for (const [source, entry] of bySource) if (entry.code !== undefined) used.set((entry.key ??= keyOf(vocabulary, source)), entry.code);
        let unused = 0;
        for (const key of stored?.keys ?? []) if (!used.has(key)) unused++;
        // stored codes this process did not use are written back as the bytes read, unparsed
        writeCacheFile(file, compiler, unused > MAX_UNUSED || !stored ? new Map() : stored.literals(), used);
      } catch {
        // a cache that cannot be written only costs the next process time
      }
    },
  };
}
