import { mkdir, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { ASSETS_DIR, CHUNK_CALLBACK, INDEX_GLOBAL } from "../shared/site-data";
import type { SiteData } from "./build-site-data";
import { indexHtml } from "./index-html";
import { chunkLiterals, indexLiteral, readSiteAssets } from "./site-assets";

/** What {@link writeSite} wrote. */
export interface WrittenSite {
  indexFile: string;
  files: number;
  bytes: number;
}

/**
 * Writes the static site into `targetPath`: index.html, and tsdbt-docs/ with the app, its
 * stylesheet, the layout library and the data (index.js plus detail chunks).
 */
export async function writeSite(targetPath: string, data: SiteData): Promise<WrittenSite> {
  const assets = path.join(targetPath, ASSETS_DIR);
  const dataDir = path.join(assets, "data");
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const { appJs, css, dagreJs } = await readSiteAssets();
  const files: [string, string | Buffer][] = [];
  files.push([path.join(assets, "app.js"), appJs]);
  files.push([path.join(assets, "app.css"), css]);
  files.push([path.join(assets, "dagre.min.js"), dagreJs]);
  files.push([path.join(dataDir, "index.js"), `window.${INDEX_GLOBAL} = ${indexLiteral(data)};\n`]);
  chunkLiterals(data).forEach((chunk, c) => files.push([path.join(dataDir, `chunk-${c}.js`), `${CHUNK_CALLBACK}(${c}, ${chunk});\n`]));
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
