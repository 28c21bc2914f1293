import { loadPyYaml } from "./pyyaml-schema";

/**
 * Reads a properties file's YAML on the check worker (parse/properties-on-worker.ts), as parseYaml's
 * fast path does; it throws on anything else (a syntax error, a repeated key), which the main thread
 * then reads itself, with positions. A `__proto__` key is left to the main thread too: a structured
 * clone might not copy it as an own key. Requires js-yaml only: the worker loads it when the jobs come.
 */
export function loadPropertiesYaml(text: string): unknown {
  if (text.includes("__proto__")) throw new Error("read on the main thread");
  return loadPyYaml(text) ?? null;
}
