import { DEPS_CODES, depsError } from "./deps-error";
import { httpGet } from "./http-get";

/** One published version of a hub package, as the hub's API describes it. */
export interface HubVersion {
  /** The package's project name (its folder under packages-install-path). */
  name: string;
  /** Its own packages.yml entries. */
  packages: Record<string, unknown>[];
  downloads: { tarball: string };
  require_dbt_version?: string | string[];
}

/** The base URL of the package hub: `DBT_PACKAGE_HUB_URL`, else dbt's public hub. */
export function hubBaseUrl(env: Record<string, string | undefined>): string {
  const base = env.DBT_PACKAGE_HUB_URL || "https://hub.getdbt.com/";
  return base.endsWith("/") ? base : `${base}/`;
}

/** Reads package metadata from the hub (`api/v1/<namespace>/<name>.json`), once per package. */
export class HubClient {
  private readonly cache = new Map<string, Promise<Record<string, HubVersion>>>();
  constructor(private readonly base: string) {}

  /** Every published version of `pkg` (`namespace/name`). TSDBT-E058 when the hub does not know it. */
  versions(pkg: string): Promise<Record<string, HubVersion>> {
    let p = this.cache.get(pkg);
    if (!p) this.cache.set(pkg, (p = this.fetchVersions(pkg)));
    return p;
  }

  private async fetchVersions(pkg: string): Promise<Record<string, HubVersion>> {
    const url = `${this.base}api/v1/${pkg}.json`;
    const body = await httpGet(url, `package ${pkg}`);
    if (!body) throw depsError(DEPS_CODES.unknownPackage, `The package '${pkg}' was not found in the package hub (${this.base}).`, "Check the spelling and the namespace (e.g. dbt-labs/dbt_utils) on https://hub.getdbt.com.");
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      json = undefined;
    }
    const versions = (json as { versions?: unknown } | undefined)?.versions;
    if (!versions || typeof versions !== "object") throw depsError(DEPS_CODES.unreachable, `${url} did not answer a package description (no 'versions').`, "Check DBT_PACKAGE_HUB_URL: it must point at a dbt package hub.");
    return versions as Record<string, HubVersion>;
  }
}
