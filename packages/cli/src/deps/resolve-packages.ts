import * as path from "node:path";
import { satisfiesDbtVersion } from "@tsdbt/core";
import { DEPS_CODES, depsError } from "./deps-error";
import type { HubVersion } from "./hub-client";
import { sourceOf, type PackageSpec } from "./package-spec";
import { isProjectFolder, type PackageSource } from "./package-source";
import { readProjectPackages } from "./read-package-specs";
import { highestSatisfying, latestVersion, parseRequirement, requirementsCompatible, type VersionRequirement } from "./semver";

/** The dbt version hub packages' `require_dbt_version` is checked against (dbt-core 1.10's). */
export const HUB_DBT_VERSION = "1.10.23";

/** A package entry with every requirement on it gathered (across the project and its packages), and the line it was written on when known. */
type Unpinned = (
  | { kind: "hub"; key: string; pkg: string; reqs: VersionRequirement[]; raw: string[]; prerelease: boolean; file: string }
  | { kind: "git"; key: string; url: string; urlUnrendered: string; revisions: string[]; warnUnpinned: boolean; subdirectory?: string; file: string }
  | { kind: "tarball"; key: string; url: string; urlUnrendered: string; name: string; file: string }
  | { kind: "local"; key: string; local: string; file: string }
) & { line?: number };

/** A package fixed to one version, with what installing it needs. */
export interface PinnedPackage {
  kind: Unpinned["kind"];
  /** Its project name: the folder under packages-install-path. */
  name: string;
  /** dbt's label for it in "Installing …" (hub name, git URL, tarball name, local path). */
  label: string;
  /** Its package-lock.yml entry (without `name`). */
  lock: Record<string, unknown>;
  /** Its own package entries. */
  specs: PackageSpec[];
  /** Hub: the highest installable version, for "Updated version available". */
  latest?: string;
  /** Git: whether dbt would warn that it is not pinned. */
  unpinned?: { revision: string; url: string };
}

/** What resolving needs. */
export interface ResolveContext {
  projectDir: string;
  rootName: string;
  source: PackageSource;
  env: Record<string, string | undefined>;
}

function gitNames(url: string, subdirectory?: string): string[] {
  const other = url.endsWith(".git") ? url.slice(0, -4) : `${url}.git`;
  return subdirectory ? [`${url}/${subdirectory}`, `${other}/${subdirectory}`] : [url, other];
}

function toUnpinned(spec: PackageSpec): { names: string[]; pkg: Unpinned } {
  const r = spec.rendered;
  switch (spec.source) {
    case "hub": {
      const pkg = String(r.package);
      if (!pkg.includes("/")) throw depsError(DEPS_CODES.unknownPackage, `${pkg} was not found in the package index: hub packages need a namespace.`, "Write it as namespace/name, e.g. dbt-labs/dbt_utils.", spec.file, spec.line);
      if (r.version === undefined || r.version === null || r.version === "") throw depsError(DEPS_CODES.invalid, `${pkg} is missing the version; hub packages need one.`, `Add a version, e.g. version: [">=1.0.0", "<2.0.0"].`, spec.file, spec.line);
      const raw = (Array.isArray(r.version) ? r.version : [r.version]).map(String);
      const reqs = raw.map((v) => {
        const req = parseRequirement(v);
        if (!req) throw depsError(DEPS_CODES.invalid, `"${v}" (package ${pkg}) is not a valid semantic version.`, "Write versions as 1.2.3, or ranges such as >=1.2.0 and <2.0.0.", spec.file, spec.line);
        return req;
      });
      const pre = r["install-prerelease"] ?? r.install_prerelease;
      return { names: [pkg], pkg: { kind: "hub", key: pkg, pkg, reqs, raw, prerelease: pre === true, file: spec.file, line: spec.line } };
    }
    case "git": {
      const url = String(r.git);
      const subdirectory = r.subdirectory === undefined || r.subdirectory === null ? undefined : String(r.subdirectory);
      const revisions = r.revision === undefined || r.revision === null ? [] : [String(r.revision)];
      const names = gitNames(url, subdirectory);
      const warn = r["warn-unpinned"] ?? r.warn_unpinned;
      return { names, pkg: { kind: "git", key: names[0], url, urlUnrendered: String(spec.unrendered.git ?? url), revisions, warnUnpinned: warn !== false, subdirectory, file: spec.file, line: spec.line } };
    }
    case "tarball": {
      const url = String(r.tarball);
      if (typeof r.name !== "string" || !r.name) throw depsError(DEPS_CODES.invalid, `The tarball package ${url} has no 'name'.`, "Give the tarball entry a name: the package's project name.", spec.file, spec.line);
      return { names: [url], pkg: { kind: "tarball", key: url, url, urlUnrendered: String(spec.unrendered.tarball ?? url), name: r.name, file: spec.file, line: spec.line } };
    }
    case "local":
      return { names: [String(r.local)], pkg: { kind: "local", key: String(r.local), local: String(r.local), file: spec.file, line: spec.line } };
    default:
      throw depsError(DEPS_CODES.privatePackage, `Cannot resolve the private package ${String(r.private)}: it needs a git provider integration that tsdbt, like dbt Core, does not have.`, 'Use a "git" package with the repository URL instead.', spec.file, spec.line);
  }
}

/** The packages gathered so far, keyed as dbt keys them (hub name, git URL with or without .git, tarball URL, local path). */
class Listing {
  readonly byKey = new Map<string, Unpinned>();

  add(spec: PackageSpec): Unpinned {
    const { names, pkg } = toUnpinned(spec);
    const key = names.find((n) => this.byKey.has(n)) ?? names[0];
    const old = this.byKey.get(key);
    if (!old) {
      this.byKey.set(key, pkg);
      return pkg;
    }
    if (old.kind !== pkg.kind) throw depsError(DEPS_CODES.invalid, `The package ${key} is declared both as a ${old.kind} package and as a ${pkg.kind} package.`, "Declare each package from one source only.", spec.file, spec.line);
    if (old.kind === "hub" && pkg.kind === "hub") {
      old.reqs.push(...pkg.reqs);
      old.raw.push(...pkg.raw);
    } else if (old.kind === "git" && pkg.kind === "git") {
      old.revisions.push(...pkg.revisions);
      old.warnUnpinned = old.warnUnpinned && pkg.warnUnpinned;
    }
    return old;
  }
}

/**
 * Resolves the project's package entries as dbt does: every requirement on a hub package
 * (from the project and, transitively, from its packages' own packages.yml) narrows one range
 * and the highest published version in it is chosen; git entries take their one revision (HEAD
 * when none), pinned to its commit. Returns the packages in dbt's order (first declared first).
 */
export async function resolvePackages(specs: PackageSpec[], ctx: ResolveContext): Promise<PinnedPackage[]> {
  const final = new Listing();
  let pending = specs;
  while (pending.length) {
    const next: PackageSpec[] = [];
    for (const spec of pending) {
      const pkg = final.add(spec);
      const pinned = await pin(pkg, ctx);
      next.push(...pinned.specs);
    }
    pending = next;
  }
  const out: PinnedPackage[] = [];
  for (const pkg of final.byKey.values()) out.push(await pin(pkg, ctx));
  const seen = new Set<string>();
  for (const p of out) {
    if (p.name === ctx.rootName) throw depsError(DEPS_CODES.invalid, `The package ${p.label} has the same name as the project, '${p.name}'.`, "A project cannot depend on itself: remove that entry.");
    if (seen.has(p.name)) throw depsError(DEPS_CODES.invalid, `Two packages are named '${p.name}'.`, "Remove one of them from packages.yml (or from a package's own packages.yml).");
    seen.add(p.name);
  }
  return out;
}

async function pin(pkg: Unpinned, ctx: ResolveContext): Promise<PinnedPackage> {
  switch (pkg.kind) {
    case "hub": {
      const versions = await ctx.source.hub.versions(pkg.pkg);
      if (!requirementsCompatible(pkg.reqs)) {
        throw depsError(DEPS_CODES.noVersion, `Version error for package ${pkg.pkg}: the requirements ${pkg.raw.join(", ")} contradict each other.`, "Loosen the version ranges in packages.yml (a package's own packages.yml may require a range too).", pkg.file, pkg.line);
      }
      const compatible = Object.entries(versions).filter(([, v]) => compatibleWithDbt(v)).map(([k]) => k);
      const version = highestSatisfying(compatible, pkg.reqs, pkg.prerelease);
      if (!version) {
        const shown = compatible.filter((v) => !/-/.test(v) || pkg.prerelease);
        throw depsError(DEPS_CODES.noVersion, `No version of ${pkg.pkg} satisfies ${pkg.raw.join(", ")}. Available: ${shown.join(", ") || "none"}.`, "Change the version range in packages.yml to include a published version.", pkg.file, pkg.line);
      }
      const meta = versions[version] as HubVersion;
      return {
        kind: "hub",
        name: meta.name,
        label: pkg.pkg,
        lock: { package: pkg.pkg, version },
        specs: hubSpecs(meta, pkg.pkg),
        latest: latestVersion(compatible, pkg.prerelease),
      };
    }
    case "git": {
      const unique = [...new Set(pkg.revisions)];
      if (unique.length > 1) throw depsError(DEPS_CODES.invalid, `The git package ${pkg.key} is requested at several revisions: ${unique.join(", ")}.`, "Pin it to one revision everywhere it is declared.", pkg.file, pkg.line);
      const revision = unique[0] ?? "HEAD";
      const { dir, sha } = await ctx.source.checkout(pkg.url, revision);
      const root = pkg.subdirectory ? path.join(dir, pkg.subdirectory) : dir;
      const project = await describe(root, pkg.key, ctx);
      return {
        kind: "git",
        name: project.name,
        label: pkg.key,
        lock: { git: pkg.urlUnrendered, revision: sha, ...(pkg.subdirectory ? { subdirectory: pkg.subdirectory } : {}) },
        specs: project.specs,
        ...(pkg.warnUnpinned && ["HEAD", "main", "master"].includes(revision) ? { unpinned: { revision, url: pkg.url } } : {}),
      };
    }
    case "tarball": {
      const dir = await ctx.source.tarball(pkg.url, `package ${pkg.name}`);
      const project = await describe(dir, pkg.url, ctx);
      return { kind: "tarball", name: pkg.name, label: pkg.name, lock: { tarball: pkg.urlUnrendered, name: pkg.name }, specs: project.specs };
    }
    case "local": {
      const project = await describe(path.resolve(ctx.projectDir, pkg.local), pkg.local, ctx, "TSDBT-E056", pkg.file, pkg.line);
      return { kind: "local", name: project.name, label: pkg.local, lock: { local: pkg.local }, specs: project.specs };
    }
  }
}

function compatibleWithDbt(v: HubVersion): boolean {
  const req = v.require_dbt_version;
  if (!req || (Array.isArray(req) && req.length === 0)) return true;
  return satisfiesDbtVersion(HUB_DBT_VERSION, Array.isArray(req) ? req.map(String) : [String(req)]) !== false;
}

function hubSpecs(meta: HubVersion, pkg: string): PackageSpec[] {
  return (Array.isArray(meta.packages) ? meta.packages : []).flatMap((e) => {
    const source = sourceOf(e);
    return source ? [{ source, rendered: e, unrendered: e, file: `${pkg} (package hub)` }] : [];
  });
}

async function describe(dir: string, label: string, ctx: ResolveContext, code: string = DEPS_CODES.invalid, file?: string, line?: number) {
  if (!isProjectFolder(dir)) throw depsError(code, `The package ${label} has no dbt_project.yml.`, "A package is a dbt project: check the URL, the path or the subdirectory.", file, line);
  return readProjectPackages(dir, ctx.env);
}
