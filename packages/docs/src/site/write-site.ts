import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { ASSETS_DIR, CHUNK_CALLBACK, INDEX_GLOBAL } from "../shared/site-data";
import { bundleClient, PACKAGE_ROOT } from "./bundle-client";
import type { SiteData } from "./build-site-data";
import { indexHtml } from "./index-html";

/** What {@link writeSite} wrote. */
export interface WrittenSite {
  indexFile: string;
  files: number;
  bytes: number;
}

/** A JSON value as a JavaScript string literal (parsed with JSON.parse by the page). */
const jsonString = (value: unknown, replacer?: (key: string, value: unknown) => unknown) => JSON.stringify(JSON.stringify(value, replacer));

/** Leaves empty values out of entries (the page puts the defaults back): about a tenth of the index at 10,000 models. */
const dropEmpty = (key: string, value: unknown) => (key !== "" && (value === null || value === "" || (Array.isArray(value) && value.length === 0)) && !/^\d+$/.test(key) ? undefined : value);

/**
 * Writes the static site into `targetPath`: index.html, and tsdbt-docs/ with the app, its
 * stylesheet, the layout library and the data (index.js plus detail chunks).
 */
export async function writeSite(targetPath: string, data: SiteData): Promise<WrittenSite> {
  const assets = path.join(targetPath, ASSETS_DIR);
  const dataDir = path.join(assets, "data");
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const files: [string, string | Buffer][] = [];
  files.push([path.join(assets, "app.js"), bundleClient()]);
  files.push([path.join(assets, "app.css"), await readFile(path.join(PACKAGE_ROOT, "assets", "styles.css"))]);
  files.push([path.join(assets, "dagre.min.js"), await readFile(path.join(path.dirname(require.resolve("@dagrejs/dagre/package.json")), "dist", "dagre.min.js"))]);
  files.push([path.join(dataDir, "index.js"), `window.${INDEX_GLOBAL} = ${jsonString(data.index, dropEmpty)};\n`]);
  const size = data.index.chunkSize;
  for (let c = 0; c < data.index.chunkCount; c++) {
    files.push([path.join(dataDir, `chunk-${c}.js`), `${CHUNK_CALLBACK}(${c}, ${jsonString(data.details.slice(c * size, (c + 1) * size))});\n`]);
  }
  const version = Date.now().toString(36);
  files.push([path.join(targetPath, "index.html"), indexHtml(data.index.project, version)]);
  let bytes = 0;
  await Promise.all(
    files.map(async ([file, content]) => {
      bytes += typeof content === "string" ? Buffer.byteLength(content) : content.length;
      await writeFile(file, content);
    }),
  );
  return { indexFile: path.join(targetPath, "index.html"), files: files.length, bytes };
}
