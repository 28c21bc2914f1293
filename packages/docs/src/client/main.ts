/**
 * Entry point of the docs page (bundled into tsdbt-docs/app.js): reads the index the data
 * script left, starts the app, and marks the page ready (`body[data-ready]`, and
 * `window.__tsdbtDocsReady` with the time in ms) for tests and the benchmark.
 */
import { startApp } from "./app";
import { DocsStore } from "./docs-store";

function boot(): void {
  const root = document.getElementById("app");
  if (!root) return;
  try {
    const store = DocsStore.fromPage();
    startApp(store, root);
    requestAnimationFrame(() => {
      (window as unknown as Record<string, unknown>).__tsdbtDocsReady = performance.now();
      document.body.dataset.ready = "true";
    });
  } catch (e) {
    root.textContent = (e as Error).message;
    document.body.dataset.ready = "error";
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
