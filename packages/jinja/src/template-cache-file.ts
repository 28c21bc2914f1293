import * as fs from "node:fs";

/**
 * The template code cache's file: one JSON object, `{"compiler": …, "index": {key: [start, length]},
 * "codes": [literal, …]}`, where each index entry gives where the JSON string literal of one
 * template's code is, in bytes from the first byte after `"codes":[`. The compiler fingerprint and
 * the index come first, so a process reads them alone and then only the codes it looks up (a partial
 * parse looks up a few dozen of hundreds): reading and parsing the whole file used to be most of what
 * opening it cost. Still JSON, so any JSON tool reads it whole.
 */
export interface CacheFileReader {
  /** The keys the file holds. */
  readonly keys: ReadonlySet<string>;
  /** The code stored under `key`; undefined when there is none, or the file was replaced since it was opened. */
  code(key: string): string | undefined;
  /** The literals of the stored codes as bytes, by key (to write them again unparsed); empty when the file was replaced. */
  literals(): Map<string, Buffer>;
}

const CODES = Buffer.from(',"codes":[');
/** Bytes read first, in which the fingerprint and index usually fit (~45 bytes per template). */
const FIRST_READ = 1 << 16;
/** Codes looked up one by one before the rest of the file is read in one go. */
const SINGLE_READS = 32;

/** The file as it was when opened: a later lookup that finds another file (rewritten and renamed since) reads nothing. */
interface Identity {
  ino: number;
  size: number;
  mtimeMs: number;
}

const sameFile = (a: Identity, b: fs.Stats) => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** Reads `length` bytes at `position` of `file` if it is still the file `identity` describes. */
function readAt(file: string, identity: Identity, position: number, length: number): Buffer | undefined {
  const fd = fs.openSync(file, "r");
  try {
    if (!sameFile(identity, fs.fstatSync(fd))) return undefined;
    const bytes = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const n = fs.readSync(fd, bytes, filled, length - filled, position + filled);
      if (n === 0) return undefined;
      filled += n;
    }
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a cache file written by {@link writeCacheFile} with fingerprint `compiler`; undefined when it
 * is missing, unreadable, torn, or written by another build (the caller starts empty).
 */
export function openCacheFile(file: string, compiler: string): CacheFileReader | undefined {
  let identity: Identity;
  let head: Buffer;
  let codesAt = -1;
  try {
    const fd = fs.openSync(file, "r");
    try {
      const stat = fs.fstatSync(fd);
      identity = { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
      head = Buffer.allocUnsafe(0);
      // the index ends where the codes begin: read until that marker is in
      while (codesAt < 0 && head.length < stat.size) {
        const chunk = Buffer.allocUnsafe(Math.min(Math.max(FIRST_READ, head.length), stat.size - head.length));
        const n = fs.readSync(fd, chunk, 0, chunk.length, head.length);
        if (n === 0) break;
        head = Buffer.concat([head, chunk.subarray(0, n)]);
        codesAt = head.indexOf(CODES);
      }
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (codesAt < 0) return undefined;
  let parsed: { compiler?: unknown; index?: unknown };
  try {
    parsed = JSON.parse(`${head.toString("utf8", 0, codesAt)}}`) as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed.compiler !== compiler || !parsed.index || typeof parsed.index !== "object") return undefined;
  const index = parsed.index as Record<string, [number, number]>;
  const base = codesAt + CODES.length;
  let body: Buffer | undefined;
  let singleReads = 0;
  let replaced = false;
  // a file removed (tsdbt clean) or replaced since it was opened gives nothing more
  const read = (position: number, length: number): Buffer | undefined => {
    if (replaced) return undefined;
    let bytes: Buffer | undefined;
    try {
      bytes = readAt(file, identity, position, length);
    } catch {
      bytes = undefined;
    }
    if (!bytes) replaced = true;
    return bytes;
  };
  const readBody = () => (body ??= read(base, identity.size - base));
  const literal = (key: string): Buffer | undefined => {
    const place = index[key];
    if (!Array.isArray(place)) return undefined;
    const [start, length] = place;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start < 0 || length < 0 || base + start + length > identity.size) return undefined;
    if (body || ++singleReads > SINGLE_READS) return readBody()?.subarray(start, start + length);
    return read(base + start, length);
  };
  return {
    keys: new Set(Object.keys(index)),
    code(key) {
      const bytes = Object.prototype.hasOwnProperty.call(index, key) ? literal(key) : undefined;
      if (!bytes) return undefined;
      try {
        const code: unknown = JSON.parse(bytes.toString("utf8"));
        return typeof code === "string" ? code : undefined;
      } catch {
        return undefined;
      }
    },
    literals() {
      const out = new Map<string, Buffer>();
      const all = readBody();
      if (!all) return out;
      for (const [key, [start, length]] of Object.entries(index)) out.set(key, all.subarray(start, start + length));
      return out;
    },
  };
}

/**
 * Writes a cache file: `literals` are JSON string literals already encoded (kept from the file
 * read), `codes` the codes of this process, encoded unless `literals` has their key. Written to a
 * temporary file renamed into place, so a reader sees the old file or the new one; throws when that
 * fails.
 */
export function writeCacheFile(file: string, compiler: string, literals: ReadonlyMap<string, Buffer>, codes: ReadonlyMap<string, string>): void {
  // a key is a hash of the template's text and vocabulary: a code under it read from the file is the one it would encode
  const pieces: (Buffer | string)[] = [...literals.values()];
  const keys = [...literals.keys()];
  for (const [key, code] of codes) if (!literals.has(key)) (keys.push(key), pieces.push(JSON.stringify(code)));
  // the codes go into one buffer of the exact size, each literal encoded in place
  const index: Record<string, [number, number]> = {};
  let size = 0;
  pieces.forEach((piece, i) => {
    const length = typeof piece === "string" ? Buffer.byteLength(piece) : piece.length;
    index[keys[i]] = [size + i, length];
    size += length;
  });
  const body = Buffer.allocUnsafe(size + Math.max(0, pieces.length - 1) + "]}".length);
  let at = 0;
  pieces.forEach((piece, i) => {
    if (i > 0) body[at++] = 0x2c; // ,
    at += typeof piece === "string" ? body.write(piece, at) : piece.copy(body, at);
  });
  body.write("]}", at);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeSync(fd, `${JSON.stringify({ compiler, index }).slice(0, -1)},"codes":[`);
      fs.writeSync(fd, body);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
