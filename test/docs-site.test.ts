/**
 * Browser test of the docs site: the example project's site opened from file:// in headless
 * Chromium (playwright-core): search, a model page, the lineage graph and its selector box,
 * a column's lineage, the database tree; no request leaves the page. Screenshots go to
 * target/test-artifacts/docs-*.png. Skipped (with a message) only when Chromium is missing
 * outside CI; in CI it must run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { invoke } from "tsdbt";
import { ARTIFACTS, copyExampleProject, findChromium, launchChromium } from "./docs-browser";

const chromiumPath = findChromium();
if (!chromiumPath && process.env.CI) throw new Error("Chromium is required in CI for the docs browser test (.ci/run installs Debian's chromium).");
if (!chromiumPath) console.warn("docs-site.test.ts skipped: no Chromium found (apt-get install -y chromium, or set TSDBT_CHROMIUM).");
const describeBrowser = chromiumPath ? describe : describe.skip;

jest.setTimeout(120_000);

describeBrowser("docs site in Chromium (file://)", () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `docs-${name}.png`) });

  beforeAll(async () => {
    dir = copyExampleProject();
    const quiet = { write: () => {} };
    expect((await invoke(["build", "-q", "--project-dir", dir], quiet)).exitCode).toBe(0);
    expect((await invoke(["docs", "generate", "--project-dir", dir], quiet)).exitCode).toBe(0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    context = await launchChromium(chromiumPath!);
    page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`file://${path.join(dir, "target", "index.html")}`);
    await page.waitForSelector("body[data-ready=true]");
  });
  afterAll(async () => {
    await context?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens on the overview with the project tree", async () => {
    await shot("overview");
    expect(await page.textContent("h1")).toBe("tsdbt_example");
    expect(await page.locator(".stat-card").first().textContent()).toContain("8models");
    expect(await page.locator(".tree-leaf, .tree-folder").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("Models"), expect.stringContaining("marts")]));
  });

  it("searches names, descriptions and columns, and opens a model from the results", async () => {
    await page.fill(".search-input", "payment_count");
    await page.waitForSelector(".search-hit");
    expect(await page.locator(".search-hit").first().textContent()).toContain("column payment_count");
    await page.fill(".search-input", "lifetime");
    await page.waitForSelector(".search-hit[data-id='model.tsdbt_example.customer_lifetime_value']");
    expect(await page.locator(".search-hit").first().getAttribute("data-id")).toBe("model.tsdbt_example.customer_lifetime_value");
    await shot("search");
    await page.press(".search-input", "Enter");
    await page.waitForSelector("article[data-entry='model.tsdbt_example.customer_lifetime_value']");
    expect(await page.textContent(".entry-page h1")).toBe("customer_lifetime_value");
    expect(await page.locator("table.columns tr[data-column='loyalty_tier'] .col-type").textContent()).toBe("VARCHAR");
    expect(await page.locator(".depends-on").textContent()).toContain("fct_orders");
    expect(await page.locator(".referenced-by").textContent()).toContain("high_value_customer_features");
    await page.waitForSelector("pre.sql");
    expect(await page.textContent("pre.sql")).toContain('"main"."fct_orders"');
    await page.click("button.tab[data-tab='source']");
    expect(await page.textContent("pre.sql")).toContain("ref('fct_orders')");
    expect(await page.locator(".tree-leaf.current").textContent()).toContain("customer_lifetime_value");
    await shot("model");
  });

  it("renders markdown descriptions from doc blocks (a table)", async () => {
    await page.goto(`${page.url().split("#")[0]}#/e/model.tsdbt_example.fct_orders`);
    await page.waitForSelector("tr[data-column='status'] table");
    expect(await page.locator("tr[data-column='status'] td.markdown th").allTextContents()).toEqual(["status", "meaning"]);
    expect(await page.locator("tr[data-column='order_id'] .test-badge").allTextContents()).toEqual(expect.arrayContaining(["unique", "not_null"]));
  });

  it("draws the lineage graph, focuses upstream from a clicked node, and takes selector syntax", async () => {
    await page.click("a.view-lineage");
    await page.waitForSelector(".graph-node");
    expect(await page.inputValue(".graph-toolbar input[aria-label=Select]")).toBe("+fct_orders+");
    const drawn = await page.locator(".graph-node").count();
    expect(drawn).toBeGreaterThanOrEqual(8);
    expect(await page.locator(".graph-edge").count()).toBeGreaterThanOrEqual(drawn - 1);
    await shot("graph");
    await page.click(".graph-node[data-id] >> text=stg_orders");
    await page.waitForSelector(".graph-panel h3:text('stg_orders')");
    await page.click(".focus-buttons button:text-is('+stg_orders')");
    await page.waitForFunction(() => document.querySelectorAll(".graph-node").length === 2);
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toBe("#/graph?select=+stg_orders");
    expect((await page.locator(".graph-node text.graph-label").allTextContents()).sort()).toEqual(["raw_orders", "stg_orders"]);
    await page.fill(".graph-toolbar input[aria-label=Select]", "tag:marts");
    await page.fill(".graph-toolbar input[aria-label=Exclude]", "sales_by_city");
    await page.click("button:text('Update graph')");
    await page.waitForFunction(() => document.querySelector(".graph-status")?.textContent === "3 nodes");
    await shot("graph-selector");
    await page.fill(".graph-toolbar input[aria-label=Select]", "colour:red");
    await page.press(".graph-toolbar input[aria-label=Select]", "Enter");
    await page.waitForSelector(".graph-status.error");
    expect(await page.textContent(".graph-status")).toContain("Unknown selector method 'colour'");
  });

  it("shows a column's lineage both ways, and says when there is none", async () => {
    await page.goto(`${page.url().split("#")[0]}#/e/model.tsdbt_example.fct_orders`);
    await page.click("tr[data-column='city'] a.column-lineage-link");
    await page.waitForSelector(".column-canvas .graph-node");
    expect(await page.locator(".upstream-columns li").allTextContents()).toEqual(["stg_orders.city identity"]);
    expect(await page.locator(".downstream-columns li").allTextContents()).toEqual(["high_value_customer_features.favourite_city identity", "sales_by_city.city identity"]);
    expect(await page.locator(".column-canvas .graph-node").count()).toBe(5); // raw_orders → stg_orders → fct_orders → two marts
    await shot("column-lineage");
    await page.click(".upstream-columns a");
    await page.waitForFunction(() => document.querySelector(".page-header h1")?.textContent === "stg_orders.city");
    expect(await page.locator(".upstream-columns li").allTextContents()).toEqual(["raw_orders.city identity"]);
    await page.goto(`${page.url().split("#")[0]}#/col/test.tsdbt_example.assert_orders_fully_paid/order_id`);
    await page.waitForSelector(".no-column-lineage");
    expect(await page.textContent(".no-column-lineage")).toContain("No column lineage recorded");
  });

  it("lists relations in the database tree", async () => {
    await page.click("button.tree-tab[data-tree=database]");
    await page.waitForSelector(".tree-pane:not([hidden]) .tree-leaf");
    const leaves = await page.locator(".tree-pane:not([hidden]) .tree-leaf").allTextContents();
    expect(leaves).toEqual(expect.arrayContaining(["fct_orders", "raw_orders", "stg_orders"]));
    expect(leaves).not.toContain("int_order_payments");
    await shot("database-tree");
  });

  it("made no request outside the site's own files, and raised no error", () => {
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
