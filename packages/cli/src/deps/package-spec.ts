import { createHash } from "node:crypto";

/** One entry of packages.yml / dependencies.yml, as written and after env_var rendering. */
export interface PackageSpec {
  source: "hub" | "git" | "tarball" | "local" | "private";
  /** The entry after rendering. */
  rendered: Record<string, unknown>;
  /** The entry as written in the file (dbt hashes and locks this form). */
  unrendered: Record<string, unknown>;
  /** The file it came from (packages.yml, dependencies.yml, a package's own, package-lock.yml). */
  file: string;
  /** The entry's line in that file, when it was read from one. */
  line?: number;
}

/** Which kind of package an entry describes, from its keys. */
export function sourceOf(entry: Record<string, unknown>): PackageSpec["source"] | undefined {
  if (typeof entry.package === "string") return "hub";
  if (typeof entry.git === "string") return "git";
  if (typeof entry.tarball === "string") return "tarball";
  if (typeof entry.local === "string") return "local";
  if (typeof entry.private === "string") return "private";
  return undefined;
}

/**
 * The entry as dbt serialises it for the lock's `sha1_hash`: its own keys, dbt's defaults
 * (`install_prerelease: false` on hub entries, `warn-unpinned: null` on git entries) and the
 * unrendered entry under `unrendered`.
 */
function hashForm(spec: PackageSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec.rendered, unrendered: { ...spec.unrendered } };
  if (spec.source === "hub") {
    const pre = out["install-prerelease"] ?? out.install_prerelease;
    delete out["install-prerelease"];
    out.install_prerelease = pre ?? false;
  }
  if (spec.source === "git") out["warn-unpinned"] = out["warn-unpinned"] ?? out.warn_unpinned ?? null;
  return out;
}

/** Python's `json.dumps(value, sort_keys=True)`: ", " and ": " separators, non-ASCII escaped. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${pythonJson(k)}: ${pythonJson(o[k])}`).join(", ")}}`;
  }
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return JSON.stringify(value);
}

/**
 * dbt's `sha1_hash` of the package entries (package-lock.yml): the SHA-1 of the sorted
 * JSON forms of the entries, one per line. Equal hashes mean packages.yml has not changed
 * since the lock was written.
 */
export function packagesHash(specs: PackageSpec[]): string {
  const lines = specs.map((s) => pythonJson(hashForm(s))).sort();
  return createHash("sha1").update(lines.join("\n"), "utf8").digest("hex");
}
