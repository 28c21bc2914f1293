import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * Unpacks a `.tar.gz` (or plain `.tar`) held in memory into `dest`: regular files and folders,
 * with POSIX (pax) and GNU long names. Links and special files are skipped, and entries that
 * would land outside `dest` are refused. Returns the top-level entries it created.
 */
export function extractTarball(data: Buffer, dest: string): string[] {
  const tar = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const root = path.resolve(dest);
  const top = new Set<string>();
  let longName: string | undefined;
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = readOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 0x30);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      longName = paxPath(body.toString("utf8")) ?? longName;
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    if (type === "g") continue;
    const prefix = cString(header.subarray(345, 500));
    const name = longName ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
    longName = undefined;
    if (type !== "0" && type !== "5" && type !== "\0") continue;
    const target = path.resolve(root, name);
    if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`the archive entry '${name}' points outside the folder it is unpacked into`);
    const first = path.relative(root, target).split(path.sep)[0];
    if (first) top.add(first);
    if (type === "5") mkdirSync(target, { recursive: true });
    else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, body);
    }
  }
  return [...top];
}

function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end === -1 ? b.length : end).toString("utf8");
}

function readOctal(b: Buffer): number {
  if (b[0] & 0x80) {
    // base-256 (GNU) for sizes over 8 GiB: not expected in a dbt package
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  const s = cString(b).trim();
  return s ? parseInt(s, 8) : 0;
}

function paxPath(records: string): string | undefined {
  let found: string | undefined;
  let rest = records;
  while (rest.length) {
    const space = rest.indexOf(" ");
    const len = Number(rest.slice(0, space));
    if (!(len > 0)) break;
    const record = Buffer.from(rest, "utf8").subarray(0, len).toString("utf8");
    const kv = record.slice(space + 1, -1);
    const eq = kv.indexOf("=");
    if (kv.slice(0, eq) === "path") found = kv.slice(eq + 1);
    rest = Buffer.from(rest, "utf8").subarray(len).toString("utf8");
  }
  return found;
}
