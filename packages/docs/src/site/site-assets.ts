import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { bundleClient, PACKAGE_ROOT } from "./bundle-client";
import type { SiteData } from "./build-site-data";

/** The code and styles every page of the site loads: the app, its stylesheet and the layout library (dagre). */
export interface SiteAssets {
  appJs: string;
  css: Buffer;
  dagreJs: Buffer;
}

/** Reads the site's assets (the app is bundled on first use). */
export async function readSiteAssets(): Promise<SiteAssets> {
  const [css, dagreJs] = await Promise.all([
    readFile(path.join(PACKAGE_ROOT, "assets", "styles.css")),
    readFile(path.join(path.dirname(require.resolve("@dagrejs/dagre/package.json")), "dist", "dagre.min.js")),
  ]);
  return { appJs: bundleClient(), css, dagreJs };
}

/** A JSON value as a JavaScript string literal (parsed with JSON.parse by the page). */
export const jsonString = (value: unknown, replacer?: (key: string, value: unknown) => unknown): string => JSON.stringify(JSON.stringify(value, replacer));

/** Leaves empty values out of entries (the page puts the defaults back): about a tenth of the index at 10,000 models. */
export const dropEmpty = (key: string, value: unknown): unknown => (key !== "" && (value === null || value === "" || (Array.isArray(value) && value.length === 0)) && !/^\d+$/.test(key) ? undefined : value);

/** The index's data as the page reads it (a JSON string literal). */
export const indexLiteral = (data: SiteData): string => jsonString(data.index, dropEmpty);

/** Each detail chunk's data as the page reads it (JSON string literals, by chunk number). */
export function chunkLiterals(data: SiteData): string[] {
  const size = data.index.chunkSize;
  const chunks: string[] = [];
  for (let c = 0; c < data.index.chunkCount; c++) chunks.push(jsonString(data.details.slice(c * size, (c + 1) * size)));
  return chunks;
}
