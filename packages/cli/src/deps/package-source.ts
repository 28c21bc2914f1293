import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createHash } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { cloneAt } from "./git-checkout";
import { DEPS_CODES, depsError } from "./deps-error";
import { HubClient } from "./hub-client";
import { httpGet } from "./http-get";
import { extractTarball } from "./tar-extract";

/**
 * Fetches packages into a temporary downloads folder (`DBT_DOWNLOADS_DIR` when set, as in dbt),
 * once each: hub and tarball archives, git checkouts. {@link dispose} removes the folder.
 */
export class PackageSource {
  readonly hub: HubClient;
  private readonly downloads: string;
  private readonly ownsDownloads: boolean;
  private readonly tarballs = new Map<string, Promise<string>>();
  private readonly checkouts = new Map<string, Promise<{ dir: string; sha: string }>>();

  constructor(hubBase: string, env: Record<string, string | undefined>) {
    this.hub = new HubClient(hubBase);
    this.ownsDownloads = !env.DBT_DOWNLOADS_DIR;
    this.downloads = env.DBT_DOWNLOADS_DIR ? path.resolve(env.DBT_DOWNLOADS_DIR) : mkdtempSync(path.join(os.tmpdir(), "tsdbt-downloads-"));
    mkdirSync(this.downloads, { recursive: true });
  }

  /** Downloads and unpacks the archive at `url`; returns its single top-level folder. */
  tarball(url: string, label: string): Promise<string> {
    let p = this.tarballs.get(url);
    if (!p) this.tarballs.set(url, (p = this.fetchTarball(url, label)));
    return p;
  }

  private async fetchTarball(url: string, label: string): Promise<string> {
    const data = await httpGet(url, label);
    if (!data) throw depsError(DEPS_CODES.unreachable, `${url} (${label}) was not found (HTTP 404).`, "Check the tarball URL.");
    const dir = path.join(this.downloads, `${digest(url)}_untarred`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      extractTarball(data, dir);
    } catch (e) {
      throw depsError(DEPS_CODES.invalid, `Could not unpack ${url}: ${(e as Error).message}.`, "The URL must serve a .tar.gz of a dbt package.");
    }
    const entries = readdirSync(dir);
    if (entries.length !== 1) throw depsError(DEPS_CODES.invalid, `The archive ${url} holds ${entries.length} top-level entries; a package archive holds one folder.`, "Pack the package as <folder>/dbt_project.yml, <folder>/models/…");
    return path.join(dir, entries[0]);
  }

  /** Clones `url` at `revision`; the folder is the repository root (not the subdirectory). */
  checkout(url: string, revision: string): Promise<{ dir: string; sha: string }> {
    const key = `${url}#${revision}`;
    let p = this.checkouts.get(key);
    if (!p) {
      p = (async () => {
        const dir = path.join(this.downloads, digest(key));
        rmSync(dir, { recursive: true, force: true });
        const sha = await cloneAt(url, revision, dir);
        return { dir, sha };
      })();
      this.checkouts.set(key, p);
      // the same checkout serves a later request by its commit
      void p.then((r) => this.checkouts.set(`${url}#${r.sha}`, p!), () => undefined);
    }
    return p;
  }

  /** Removes the downloads folder (unless DBT_DOWNLOADS_DIR named it). */
  dispose(): void {
    if (this.ownsDownloads) rmSync(this.downloads, { recursive: true, force: true });
  }
}

function digest(s: string): string {
  return createHash("md5").update(s).digest("hex");
}

/** Moves (or copies, across file systems) a folder to `to`, replacing what is there. */
export function moveFolder(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
  }
}

/** Whether `dir` holds a dbt_project.yml. */
export function isProjectFolder(dir: string): boolean {
  return existsSync(path.join(dir, "dbt_project.yml"));
}
