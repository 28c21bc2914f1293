/**
 * Helpers of the docs end-to-end tests: a copy of example-project, the column lineage file a
 * lineage run would leave, and headless Chromium driven by playwright-core (Debian's
 * /usr/bin/chromium, or TSDBT_CHROMIUM).
 */
import { existsSync, mkdtempSync, cpSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BrowserContext } from "playwright-core";

/** example-project copied to a temp dir (without its target/). */
export function copyExampleProject(): string {
  const from = path.resolve(__dirname, "../example-project");
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsdbt-docs-"));
  cpSync(from, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
  return dir;
}

/** The Chromium binary, when there is one. */
export function findChromium(): string | undefined {
  return [process.env.TSDBT_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => Boolean(p && existsSync(p)));
}

/** Launches headless Chromium with a fresh profile and no background network traffic. */
export async function launchChromium(executablePath: string): Promise<BrowserContext> {
  const { chromium } = await import("playwright-core");
  return chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), "tsdbt-chromium-")), {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
}

/** Where screenshots go: <repo>/target/test-artifacts (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, "../target/test-artifacts");
