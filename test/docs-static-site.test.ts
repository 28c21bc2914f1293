/**
 * Browser test of `docs generate --static`: target/static_index.html copied alone into an empty
 * folder and opened from file:// in headless Chromium must show the whole site (overview, a model
 * page with its compiled SQL from the detail data) without loading any other file. A model whose
 * SQL holds `</script>` and `<!--` checks that inlined data cannot end the page's scripts. Skipped
 * (with a message) only when Chromium is missing outside CI; in CI it must run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { invoke } from "tsdbt";
import { ARTIFACTS, copyExampleProject, findChromium, launchChromium } from "./docs-browser";

const chromiumPath = findChromium();
if (!chromiumPath && process.env.CI) throw new Error("Chromium is required in CI for the docs browser test (.ci/run installs Debian's chromium).");
if (!chromiumPath) console.warn("docs-static-site.test.ts skipped: no Chromium found (apt-get install -y chromium, or set TSDBT_CHROMIUM).");
const describeBrowser = chromiumPath ? describe : describe.skip;

jest.setTimeout(120_000);

const TRICKY_SQL = "-- ends a script? </script><script>document.title = 'broken'</script> <!-- no\nselect 1 as id\n";

describeBrowser("docs generate --static: the site as one file (file://)", () => {
  let dir: string;
  let alone: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];
  let output = "";

  beforeAll(async () => {
    dir = copyExampleProject();
    fs.writeFileSync(path.join(dir, "models", "script_in_sql.sql"), TRICKY_SQL);
    const run = await invoke(["docs", "generate", "--static", "--empty-catalog", "--project-dir", dir], { write: (text: string) => void (output += text) });
    expect(run.exitCode).toBe(0);
    // nothing beside it: no tsdbt-docs/ folder, no manifest
    alone = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-static-docs-"));
    fs.copyFileSync(path.join(dir, "target", "static_index.html"), path.join(alone, "docs.html"));
    context = await launchChromium(chromiumPath!);
    page = await context.newPage();
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`file://${path.join(alone, "docs.html")}`);
    await page.waitForSelector("body[data-ready=true]");
  });
  afterAll(async () => {
    await context?.close();
    for (const d of [dir, alone]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("says where the one-file site is, beside the usual site", () => {
    expect(output).toContain(`The site as one file: ${path.join(dir, "target", "static_index.html")}`);
    expect(fs.existsSync(path.join(dir, "target", "index.html"))).toBe(true);
  });

  it("opens on the overview, as the usual site does", async () => {
    expect(await page.textContent("h1")).toBe("tsdbt_example");
    expect(await page.locator(".stat-card").first().textContent()).toContain("9models");
  });

  it("shows a model's compiled SQL, which lives in the detail data", async () => {
    await page.goto(`${page.url().split("#")[0]}#/e/model.tsdbt_example.customer_lifetime_value`);
    await page.waitForSelector("pre.sql");
    expect(await page.textContent("pre.sql")).toContain('"main"."fct_orders"');
    await page.screenshot({ path: path.join(fs.mkdirSync(ARTIFACTS, { recursive: true }) ?? ARTIFACTS, "docs-static-model.png") });
  });

  it("shows SQL holding </script> and <!-- as text", async () => {
    await page.goto(`${page.url().split("#")[0]}#/e/model.tsdbt_example.script_in_sql`);
    await page.waitForSelector("pre.sql");
    await page.click("button.tab[data-tab='source']");
    expect(await page.textContent("pre.sql")).toBe(TRICKY_SQL.trimEnd());
    expect(await page.title()).toBe("script_in_sql · tsdbt_example");
  });

  it("loaded nothing but the file itself, and raised no error", () => {
    expect(requests).toEqual([`file://${path.join(alone, "docs.html")}`]);
    expect(errors).toEqual([]);
  });
});
