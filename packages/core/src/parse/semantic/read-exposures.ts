import type { ExposureDefinition } from "../../manifest/types";
import type { PropertiesFile } from "../properties";
import { asRecord, asTags, strOrNull, yamlResourceBase } from "./yaml-resource";

/** Reads one `exposures:` entry (its `depends_on:` list is resolved when linking). */
export function readExposure(file: PropertiesFile, entry: Record<string, unknown>): ExposureDefinition {
  const name = String(entry.name);
  const config = asRecord(entry.config);
  const owner = asRecord(entry.owner);
  const tags = [...new Set([...asTags(entry.tags), ...asTags(config.tags)])];
  const meta = { ...asRecord(entry.meta), ...asRecord(config.meta) };
  return {
    ...yamlResourceBase(file, "exposure", name),
    resource_type: "exposure",
    type: String(entry.type ?? ""),
    owner: { ...owner, email: (owner.email as string | null | undefined) ?? null, name: strOrNull(owner.name) },
    description: strOrNull(entry.description) ?? "",
    label: strOrNull(entry.label),
    maturity: strOrNull(entry.maturity),
    meta,
    tags,
    config: { enabled: config.enabled !== false, tags, meta },
    unrendered_config: {},
    url: strOrNull(entry.url),
    depends_on: { macros: [], nodes: [] },
    refs: [],
    sources: [],
    metrics: [],
    created_at: Date.now() / 1000,
  };
}
