import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { ExposureDefinition, ManifestNode, SourceDefinition } from "../../manifest/types";
import { diagnosticAt } from "../../yaml/diagnostic-at";
import type { PropertiesFile } from "../properties";
import { readExposure } from "./read-exposures";
import { measureInput, readMetric, type MeasureInput, type MetricDefinition } from "./read-metrics";
import { readSavedQuery, type SavedQueryDefinition } from "./read-saved-queries";
import { readSemanticModel, type SemanticModelDefinition } from "./read-semantic-models";
import { readReferenceCall } from "./reference-call";
import { asRecord } from "./yaml-resource";
import { forEachNamedEntry } from "../named-entries";

/** Exposures and the MetricFlow resources of a project, keyed by unique id as in manifest.json. */
export interface SemanticLayer {
  exposures: Record<string, ExposureDefinition>;
  semantic_models: Record<string, SemanticModelDefinition>;
  metrics: Record<string, MetricDefinition>;
  saved_queries: Record<string, SavedQueryDefinition>;
}

/** What the semantic layer is read against. */
export interface SemanticLayerInput {
  files: PropertiesFile[];
  /** Enabled nodes, with their relation names assigned. */
  nodes: ManifestNode[];
  sources: Record<string, SourceDefinition>;
  rootPackage: string;
  target: { database: string | null; schema: string };
}

const SECTIONS = ["exposures", "semantic_models", "metrics", "saved_queries"] as const;

/** Resolves `ref` names the way dbt does: the given package, else the caller's, else the root project's, else any. */
function createRefResolver(nodes: ManifestNode[], rootPackage: string) {
  const byName = new Map<string, ManifestNode[]>();
  for (const n of nodes) {
    if (n.resource_type !== "model" && n.resource_type !== "seed" && n.resource_type !== "snapshot") continue;
    const list = byName.get(n.name) ?? [];
    list.push(n);
    byName.set(n.name, list);
  }
  return (name: string, pkg: string | null, fromPackage: string): ManifestNode | undefined => {
    const candidates = byName.get(name) ?? [];
    if (pkg) return candidates.find((n) => n.package_name === pkg);
    return candidates.find((n) => n.package_name === fromPackage) ?? candidates.find((n) => n.package_name === rootPackage) ?? candidates[0];
  };
}

/**
 * Reads `exposures`, `semantic_models`, `metrics` and `saved_queries` of every properties file
 * into dbt's manifest shapes, then links them as dbt does: a semantic model to its model (with
 * the model's relation), a simple/cumulative/conversion metric to the semantic models holding its
 * measures, a ratio/derived metric to its input metrics (taking their measures), a saved query
 * to its metrics, an exposure to what its `depends_on:` names. A reference that names nothing
 * is reported (TSDBT-W070) and left out.
 */
export function readSemanticLayer(input: SemanticLayerInput, diagnostics: Diagnostic[]): SemanticLayer {
  const layer: SemanticLayer = { exposures: {}, semantic_models: {}, metrics: {}, saved_queries: {} };
  const origin = new Map<string, { file: PropertiesFile; path: (string | number)[] }>();
  const exposureDependsOn = new Map<string, unknown[]>();
  const warn = (id: string, message: string, hint: string) => {
    const where = origin.get(id);
    if (where) diagnostics.push(diagnosticAt(where.file.parsed, where.path, { code: "TSDBT-W070", severity: "warn", message, hint }));
  };

  for (const file of input.files) {
    const doc = asRecord(file.parsed.value);
    for (const section of SECTIONS) {
      forEachNamedEntry(file.parsed, doc, section, diagnostics, (entry, i) => {
        if (asRecord(entry.config).enabled === false) return;
        const path = [section, i];
        if (section === "exposures") {
          const e = readExposure(file, entry);
          origin.set(e.unique_id, { file, path });
          layer.exposures[e.unique_id] = e;
          exposureDependsOn.set(e.unique_id, Array.isArray(entry.depends_on) ? entry.depends_on : []);
        } else if (section === "semantic_models") {
          const sm = readSemanticModel(file, entry);
          origin.set(sm.unique_id, { file, path });
          layer.semantic_models[sm.unique_id] = sm;
          // a measure with create_metric: true defines a simple metric of the same name
          sm.measures.forEach((m, j) => {
            if (m.create_metric !== true) return;
            const metric = readMetric(file, { name: m.name, label: m.label || m.name, description: m.description || `Metric created from measure ${String(m.name)}`, type: "simple", type_params: { measure: m.name, expr: m.name } }, []);
            metric.unrendered_config = { enabled: true };
            origin.set(metric.unique_id, { file, path: [...path, "measures", j] });
            layer.metrics[metric.unique_id] = metric;
          });
        } else if (section === "metrics") {
          const problems: string[] = [];
          const m = readMetric(file, entry, problems);
          origin.set(m.unique_id, { file, path });
          layer.metrics[m.unique_id] = m;
          for (const p of problems) diagnostics.push(diagnosticAt(file.parsed, path, { code: "TSDBT-W070", severity: "warn", message: `Metric '${m.name}' in ${file.parsed.file}: ${p}; it is left out.`, hint: "Write windows as '<count> <granularity>', e.g. '7 days'." }));
        } else {
          const q = readSavedQuery(file, entry, input.target);
          origin.set(q.unique_id, { file, path });
          layer.saved_queries[q.unique_id] = q;
        }
      });
    }
  }

  const resolveRef = createRefResolver(input.nodes, input.rootPackage);
  const metricByName = (name: string, pkg: string | null, from: string): MetricDefinition | undefined => {
    const all = Object.values(layer.metrics).filter((m) => m.name === name && (!pkg || m.package_name === pkg));
    return all.find((m) => m.package_name === from) ?? all.find((m) => m.package_name === input.rootPackage) ?? all[0];
  };

  for (const sm of Object.values(layer.semantic_models)) {
    const call = readReferenceCall(sm.model);
    const node = call?.kind === "ref" ? resolveRef(call.name, call.package, sm.package_name) : undefined;
    if (!call || call.kind !== "ref" || !node) {
      warn(sm.unique_id, `Semantic model '${sm.name}' is built on '${sm.model}', which names no model, seed or snapshot.`, "Write `model: ref('<model name>')`.");
      continue;
    }
    sm.refs.push({ name: call.name, package: call.package, version: call.version });
    sm.depends_on.nodes.push(node.unique_id);
    sm.node_relation = { alias: node.alias ?? node.name, schema_name: node.schema, database: node.database, relation_name: node.relation_name ?? null };
  }

  const measureOwner = new Map<string, SemanticModelDefinition>();
  for (const sm of Object.values(layer.semantic_models)) for (const m of sm.measures) if (!measureOwner.has(String(m.name))) measureOwner.set(String(m.name), sm);
  const addMeasure = (metric: MetricDefinition, measure: MeasureInput) => {
    if (!metric.type_params.input_measures.some((x) => JSON.stringify(x) === JSON.stringify(measure))) metric.type_params.input_measures.push(measure);
  };
  const addNode = (deps: { nodes: string[] }, id: string) => {
    if (!deps.nodes.includes(id)) deps.nodes.push(id);
  };
  const linking = new Set<string>();
  const linkMetric = (metric: MetricDefinition): void => {
    if (metric.type_params.input_measures.length > 0 || linking.has(metric.unique_id)) return;
    linking.add(metric.unique_id);
    const tp = metric.type_params;
    if (metric.type === "ratio" || metric.type === "derived") {
      const inputs = metric.type === "ratio" ? [tp.numerator, tp.denominator].filter((x): x is Record<string, unknown> => x !== null) : tp.metrics;
      for (const inputMetric of inputs) {
        const target = metricByName(String(inputMetric.name), null, metric.package_name);
        if (!target) {
          warn(metric.unique_id, `Metric '${metric.name}' reads metric '${String(inputMetric.name)}', which is not defined.`, "Define the metric under 'metrics:' or fix the name.");
          continue;
        }
        linkMetric(target);
        for (const m of target.type_params.input_measures) addMeasure(metric, m);
        addNode(metric.depends_on, target.unique_id);
      }
      return;
    }
    const measures = metric.type === "conversion" && tp.conversion_type_params ? [tp.conversion_type_params.base_measure, tp.conversion_type_params.conversion_measure] : tp.measure ? [tp.measure] : [];
    if (measures.length === 0) warn(metric.unique_id, `Metric '${metric.name}' of type '${metric.type}' names no measure.`, "Give it 'type_params: {measure: <measure name>}'.");
    for (const m of measures) addMeasure(metric, measureInput(m));
    for (const m of tp.input_measures) {
      const owner = measureOwner.get(m.name);
      if (!owner) {
        warn(metric.unique_id, `Metric '${metric.name}' reads measure '${m.name}', which no semantic model defines.`, "Add the measure to a semantic model's 'measures:' or fix the name.");
        continue;
      }
      addNode(metric.depends_on, owner.unique_id);
    }
  };
  for (const metric of Object.values(layer.metrics)) linkMetric(metric);

  for (const q of Object.values(layer.saved_queries)) {
    for (const name of q.query_params.metrics) {
      const target = metricByName(name, null, q.package_name);
      if (target) addNode(q.depends_on, target.unique_id);
      else warn(q.unique_id, `Saved query '${q.name}' reads metric '${name}', which is not defined.`, "Define the metric under 'metrics:' or fix the name.");
    }
  }

  for (const exposure of Object.values(layer.exposures)) {
    const written = exposureDependsOn.get(exposure.unique_id) ?? [];
    const parsed = written.map((text) => ({ text: String(text), call: readReferenceCall(String(text)) }));
    const unresolved = (text: string) => warn(exposure.unique_id, `Exposure '${exposure.name}' depends on ${text}, which names nothing in the project.`, "Write ref('<model>'), source('<source>', '<table>') or metric('<metric>').");
    // dbt links sources first, then refs, then metrics
    for (const { text, call } of parsed) {
      if (!call) unresolved(text);
      else if (call.kind === "source") {
        exposure.sources.push([call.sourceName, call.table]);
        const id = Object.values(input.sources).find((s) => s.source_name === call.sourceName && s.name === call.table)?.unique_id;
        if (id) addNode(exposure.depends_on, id);
        else unresolved(text);
      }
    }
    for (const { text, call } of parsed) {
      if (call?.kind !== "ref") continue;
      exposure.refs.push({ name: call.name, package: call.package, version: call.version });
      const node = resolveRef(call.name, call.package, exposure.package_name);
      if (node) addNode(exposure.depends_on, node.unique_id);
      else unresolved(text);
    }
    for (const { text, call } of parsed) {
      if (call?.kind !== "metric") continue;
      exposure.metrics.push(call.package ? [call.package, call.name] : [call.name]);
      const metric = metricByName(call.name, call.package, exposure.package_name);
      if (metric) addNode(exposure.depends_on, metric.unique_id);
      else unresolved(text);
    }
  }
  return layer;
}
