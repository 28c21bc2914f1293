/**
 * Test fixtures for `tsdbt deps` with no network: a package hub served from 127.0.0.1 (the
 * JSON shape of hub.getdbt.com's api/v1, tarballs packed with the system's `tar`) and local
 * git repositories.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/** Writes files (path → content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** A package project's files: its dbt_project.yml, a macro saying its version, and optional packages.yml. */
export function packageFiles(name: string, version: string, packagesYml?: string): Record<string, string> {
  return {
    "dbt_project.yml": `name: ${name}\nversion: '${version}'\nconfig-version: 2\n`,
    [`macros/${name}_version.sql`]: `{% macro ${name}_version() %}${version}{% endmacro %}\n`,
    ...(packagesYml ? { "packages.yml": packagesYml } : {}),
  };
}

/** One version published on the fake hub. */
export interface PublishedVersion {
  version: string;
  files: Record<string, string>;
  /** Its own packages (the hub's `packages`). */
  packages?: Record<string, unknown>[];
  requireDbtVersion?: string | string[];
}

/** A package hub on 127.0.0.1 with an ephemeral port. */
export class FakeHub {
  readonly url: string;
  readonly requests: string[] = [];
  private readonly packages = new Map<string, Record<string, unknown>>();
  private readonly tarballs = new Map<string, Buffer>();
  private readonly work = mkdtempSync(path.join(os.tmpdir(), "tsdbt-hub-"));

  private constructor(private readonly server: Server) {
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    server.on("request", (req, res) => {
      const url = req.url ?? "";
      this.requests.push(url);
      const json = /^\/api\/v1\/(.+)\.json$/.exec(url);
      if (json && json[1] === "index") return this.send(res, 200, JSON.stringify([...this.packages.keys()]));
      if (json && this.packages.has(json[1])) return this.send(res, 200, JSON.stringify(this.packages.get(json[1])));
      const tar = this.tarballs.get(url);
      if (tar) return this.send(res, 200, tar, "application/gzip");
      this.send(res, 404, JSON.stringify({ detail: "Not found" }));
    });
  }

  /** Starts a hub with nothing published. */
  static async start(): Promise<FakeHub> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new FakeHub(server);
  }

  private send(res: import("node:http").ServerResponse, status: number, body: string | Buffer, type = "application/json"): void {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    res.end(body);
  }

  /** Packs `files` as a GitHub-style archive (one top folder) and serves it at `/tarballs/<file>`. */
  serveTarball(file: string, topFolder: string, files: Record<string, string>): string {
    const src = mkdtempSync(path.join(this.work, "src-"));
    writeTree(path.join(src, topFolder), files);
    const out = path.join(src, "out.tar.gz");
    execFileSync("tar", ["czf", out, "-C", src, topFolder]);
    this.tarballs.set(`/tarballs/${file}`, readFileSync(out));
    return `${this.url}tarballs/${file}`;
  }

  /** Publishes a version of `namespace/name` (the package's project name is `name`). */
  publish(pkg: string, v: PublishedVersion): void {
    const [namespace, name] = pkg.split("/");
    const tarball = this.serveTarball(`${namespace}-${name}-${v.version}.tar.gz`, `${namespace}-${name}-${v.version}`, v.files);
    const entry = this.packages.get(pkg) ?? { name, namespace, latest: v.version, versions: {} as Record<string, unknown> };
    (entry.versions as Record<string, unknown>)[v.version] = {
      id: `${pkg}/${v.version}`,
      name,
      version: v.version,
      published_at: "2024-01-01T00:00:00.000000+00:00",
      packages: v.packages ?? [],
      works_with: [],
      ...(v.requireDbtVersion ? { require_dbt_version: v.requireDbtVersion } : {}),
      _source: { type: "github", url: `https://github.com/${pkg}/tree/${v.version}/`, readme: "" },
      downloads: { tarball, format: "tgz", sha1: "" },
    };
    entry.latest = v.version;
    this.packages.set(pkg, entry);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** A local git repository: commit `files`, optionally tag it; returns the commit. */
export function gitCommit(repo: string, files: Record<string, string>, tag?: string): string {
  mkdirSync(repo, { recursive: true });
  try {
    git(repo, "rev-parse", "--git-dir");
  } catch {
    git(repo, "init", "-q");
  }
  writeTree(repo, files);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", tag ?? "change");
  if (tag) git(repo, "tag", tag);
  return git(repo, "rev-parse", "HEAD");
}
