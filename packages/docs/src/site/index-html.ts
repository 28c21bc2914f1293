import { ASSETS_DIR } from "../shared/site-data";

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page's content security policy: no connection, frame or remote image, so the page works
 * offline and nothing it shows can make a request leave it.
 */
export const CONTENT_SECURITY_POLICY = "connect-src 'none'; img-src data:; font-src data:; media-src 'none'; frame-src 'none'; object-src 'none'; form-action 'none'; base-uri 'none'";

/** The page shell, loading the app and its data from tsdbt-docs/ (see {@link CONTENT_SECURITY_POLICY}). */
export function indexHtml(projectName: string, version: string): string {
  const a = ASSETS_DIR;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(projectName)} · tsdbt docs</title>
<link rel="stylesheet" href="${a}/app.css?v=${escapeHtml(version)}">
</head>
<body>
<div id="app"><p class="loading">Loading the docs…</p></div>
<noscript>The tsdbt docs site needs JavaScript.</noscript>
<script src="${a}/data/index.js?v=${escapeHtml(version)}"></script>
<script src="${a}/dagre.min.js"></script>
<script src="${a}/app.js?v=${escapeHtml(version)}"></script>
</body>
</html>
`;
}
