import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import { INDEX_GLOBAL, STATIC_CHUNKS_GLOBAL } from "../shared/site-data";
import type { SiteData } from "./build-site-data";
import { CONTENT_SECURITY_POLICY, escapeHtml } from "./index-html";
import { chunkLiterals, indexLiteral, readSiteAssets } from "./site-assets";

/** The file `docs generate --static` writes into target/, as dbt names it. */
export const STATIC_INDEX_FILE = "static_index.html";

/**
 * Code made safe inside an inline `<script>`: a `</script` or `<!--` in it would end or confuse the
 * element, so their `<` is followed by a backslash, which keeps the meaning of the strings, regular
 * expressions and comments they can occur in.
 */
const inlineScript = (code: string): string => code.replace(/<(\/script|!--)/gi, "<\\$1");

/** A JavaScript string literal made safe inside an inline `<script>`: every `<` written as `\u003c`. */
const inlineLiteral = (literal: string): string => literal.replace(/</g, "\\u003c");

/**
 * Writes the whole site as one HTML file, `target/static_index.html`: the app, its styles, the
 * layout library, the index and every detail chunk inline, so the file can be mailed, attached or
 * hosted alone and still opens offline. Returns the file and its size in bytes.
 */
export async function writeStaticSite(targetPath: string, data: SiteData): Promise<{ file: string; bytes: number }> {
  const { appJs, css, dagreJs } = await readSiteAssets();
  const chunks = chunkLiterals(data).map(inlineLiteral);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(data.index.project)} · tsdbt docs</title>
<style>
${css.toString("utf8").replace(/<\/style/gi, "<\\/style")}
</style>
</head>
<body>
<div id="app"><p class="loading">Loading the docs…</p></div>
<noscript>The tsdbt docs site needs JavaScript.</noscript>
<script>
window.${INDEX_GLOBAL} = ${inlineLiteral(indexLiteral(data))};
window.${STATIC_CHUNKS_GLOBAL} = [${chunks.join(",\n")}];
</script>
<script>
${inlineScript(dagreJs.toString("utf8"))}
</script>
<script>
${inlineScript(appJs)}
</script>
</body>
</html>
`;
  const file = path.join(targetPath, STATIC_INDEX_FILE);
  await writeFile(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
