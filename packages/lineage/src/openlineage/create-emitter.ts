import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic, Manifest } from "@tsdbt/core";
import { LineageErrorCode } from "../error-codes";
import type { CatalogLike } from "../types";
import type { TargetLike } from "./dataset-naming";
import { OpenLineageRunEmitter } from "./run-emitter";
import { endpointFor, fileTransport, httpTransport, type OpenLineageTransport } from "./transport";

/** What a command knows when it sets up OpenLineage for a run. */
export interface EmitterSetup {
  /** `--openlineage-url` (else TSDBT_OPENLINEAGE_URL). */
  url?: string;
  /** `--openlineage-file` (else TSDBT_OPENLINEAGE_FILE), relative to `cwd`. */
  file?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  manifest: Manifest;
  target: TargetLike;
  projectDir: string;
  /** target/: catalog.json there (when present) types the schema facets and expands `select *`. */
  targetPath: string;
  invocationId: string;
  command: string;
  /** Reports a problem (a bad URL, an unreachable backend) without failing the run. */
  warn(d: Diagnostic): void;
}

/**
 * The OpenLineage emitter for a run, or undefined when no URL or file is configured.
 * Environment: TSDBT_OPENLINEAGE_URL, TSDBT_OPENLINEAGE_FILE, TSDBT_OPENLINEAGE_NAMESPACE (jobs'
 * namespace, default "default"), TSDBT_OPENLINEAGE_API_KEY (bearer token).
 */
export function createRunEmitter(setup: EmitterSetup): OpenLineageRunEmitter | undefined {
  const url = setup.url ?? setup.env.TSDBT_OPENLINEAGE_URL;
  const file = setup.file ?? setup.env.TSDBT_OPENLINEAGE_FILE;
  const transports: OpenLineageTransport[] = [];
  const warnOnce = (message: string) => setup.warn({ code: LineageErrorCode.EmitFailed, severity: "warn", message, hint: "Check --openlineage-url / --openlineage-file; events are best effort and never fail a run." });
  if (url) {
    const endpoint = endpointFor(url);
    if (endpoint) transports.push(httpTransport(endpoint, warnOnce, { apiKey: setup.env.TSDBT_OPENLINEAGE_API_KEY }));
    else setup.warn({ code: LineageErrorCode.BadEndpoint, severity: "warn", message: `The OpenLineage URL '${url}' is not an http(s) URL, so no events are sent to it.`, hint: "Give the backend's base URL, e.g. http://localhost:5000 (events go to /api/v1/lineage), or a full endpoint URL." });
  }
  if (file) transports.push(fileTransport(path.resolve(setup.cwd, file), warnOnce));
  if (!transports.length) return undefined;
  return new OpenLineageRunEmitter({
    manifest: setup.manifest,
    target: setup.target,
    projectDir: setup.projectDir,
    invocationId: setup.invocationId,
    command: setup.command,
    jobNamespace: setup.env.TSDBT_OPENLINEAGE_NAMESPACE || undefined,
    transports,
    catalog: readCatalog(path.join(setup.targetPath, "catalog.json")),
  });
}

function readCatalog(file: string): CatalogLike | undefined {
  try {
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as CatalogLike) : undefined;
  } catch {
    return undefined;
  }
}
