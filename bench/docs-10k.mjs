#!/usr/bin/env node
// npm run bench:docs — the docs site at 10,000 models: `tsdbt docs generate` wall time and peak RSS
// (cold processes), the site's size, and in headless Chromium (playwright-core, /usr/bin/chromium or
// TSDBT_CHROMIUM) the time to interactive from file://, a search, a model page and a lineage graph.
// The project comes from ../shared/bench/gen-project.mjs (seed 7). Its warehouse tables do not exist,
// so the catalog is empty and the site shows the documented columns. Prints a markdown table.
// BENCH_MODELS (default 10000), BENCH_RUNS (default 3).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { generator, machine, median, root, work } from "./bench-util.mjs";

const require = createRequire(import.meta.url);
const MODELS = Number(process.env.BENCH_MODELS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = path.join(work, `gen-${MODELS}`);
execFileSync(process.execPath, [generator, "--models", String(MODELS), "--out", dir, "--flavor", "dbt", "--seed", "7", "--force"], { stdio: "ignore" });

function generate(extra = []) {
  fs.rmSync(path.join(dir, "target"), { recursive: true, force: true });
  const out = execFileSync(process.execPath, [path.join(root, "bench", "measure-cli.mjs"), "docs", "generate", "--project-dir", dir, "--profiles-dir", dir, ...extra], { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = JSON.parse(out.trim().split("\n").pop());
  if (m.exit_code !== 0) throw new Error(`tsdbt docs generate exited ${m.exit_code}`);
  return m;
}

const rows = [];
const gen = [];
for (let i = 0; i < RUNS; i++) gen.push(generate());
rows.push(["`tsdbt docs generate` (parse + compile + catalog + site), cold", `${(median(gen.map((r) => r.wall_ms)) / 1000).toFixed(2)} s`, `${median(gen.map((r) => r.max_rss_mb))} MB peak RSS`]);
const offline = generate(["--no-compile", "--empty-catalog"]);
const full = generate();
rows.push(["`tsdbt docs generate --no-compile --empty-catalog`, cold (1 run)", `${(offline.wall_ms / 1000).toFixed(2)} s`, `${offline.max_rss_mb} MB peak RSS`]);

const target = path.join(dir, "target");
const sizeOf = (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0) : fs.statSync(p).size);
const siteBytes = sizeOf(path.join(target, "tsdbt-docs")) + sizeOf(path.join(target, "index.html"));
const indexBytes = sizeOf(path.join(target, "tsdbt-docs", "data", "index.js"));
const chunks = fs.readdirSync(path.join(target, "tsdbt-docs", "data")).length - 1;
rows.push(["site size (index.html + tsdbt-docs/)", `${(siteBytes / 1e6).toFixed(1)} MB`, `index data ${(indexBytes / 1e6).toFixed(1)} MB loaded at start; ${chunks} detail chunks loaded on demand`]);

const chromiumPath = [process.env.TSDBT_CHROMIUM, "/usr/bin/chromium"].find((p) => p && fs.existsSync(p));
if (!chromiumPath) {
  process.stdout.write("No Chromium found (apt-get install -y chromium): browser figures skipped.\n");
} else {
  const { chromium } = require("playwright-core");
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bench-chromium-")), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
  const url = `file://${path.join(target, "index.html")}`;
  const tti = [];
  let page;
  for (let i = 0; i < RUNS; i++) {
    page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 120_000 });
    tti.push(await page.evaluate(() => window.__tsdbtDocsReady));
    if (i < RUNS - 1) await page.close();
  }
  rows.push(["time to interactive in Chromium (file://, navigation start → app ready)", `${Math.round(median(tti))} ms`, `median of ${RUNS} loads`]);
  const timed = async (fn) => {
    const t0 = Date.now();
    await fn();
    return Date.now() - t0;
  };
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
  const pick = "int_05001";
  const searchMs = await timed(async () => {
    await page.fill(".search-input", pick);
    await page.waitForSelector(`.search-hit[data-id='model.tsdbt_bench.${pick}']`);
  });
  const searchInPage = await page.textContent(".search-summary");
  rows.push([`search "${pick}" over ${MODELS} models + tests + columns (keystroke → results drawn)`, `${searchMs} ms`, `in-page: ${searchInPage}`]);
  const colMs = await timed(async () => {
    await page.fill(".search-input", "lifecycle");
    await page.waitForSelector(".search-hit");
  });
  rows.push(['search "lifecycle" (matches column descriptions of every model)', `${colMs} ms`, await page.textContent(".search-summary")]);
  const pageMs = await timed(async () => {
    await page.press(".search-input", "Escape");
    await page.evaluate((id) => (location.hash = `#/e/${id}`), `model.tsdbt_bench.${pick}`);
    await page.waitForSelector("pre.sql");
  });
  rows.push(["open a model page (columns, tests, code chunk loaded)", `${pageMs} ms`, ""]);
  const graphMs = await timed(async () => {
    await page.click("a.view-lineage");
    await page.waitForSelector(".graph-node");
  });
  rows.push([`lineage graph +${pick}+ (dagre layout + SVG)`, `${graphMs} ms`, `${await page.locator(".graph-node").count()} nodes drawn`]);
  const bigMs = await timed(async () => {
    await page.evaluate(() => (location.hash = "#/graph?select=resource_type:model"));
    await page.waitForFunction(() => /showing the first/.test(document.querySelector(".graph-status")?.textContent ?? ""), null, { timeout: 120_000 });
  });
  rows.push(["lineage graph of every model (capped at 500 drawn)", `${bigMs} ms`, await page.textContent(".graph-status")]);
  const treeMs = await timed(async () => {
    await page.click("button.tree-tab[data-tree=database]");
    await page.waitForSelector(".tree-pane:not([hidden]) .tree-row");
  });
  rows.push(["database tree, first shown", `${treeMs} ms`, heap ? `JS heap after load ${(heap / 1e6).toFixed(0)} MB` : ""]);
  fs.mkdirSync(path.join(root, "target", "test-artifacts"), { recursive: true });
  await page.screenshot({ path: path.join(root, "target", "test-artifacts", "bench-docs-10k.png") });
  await context.close();
}
void full;

const table = ["| measure | value | note |", "|---|---:|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
process.stdout.write(`\nDocs site, ${MODELS} models (gen-project.mjs --flavor dbt --seed 7), ${new Date().toISOString().slice(0, 10)}, ${machine()}\n\n${table}\n`);
