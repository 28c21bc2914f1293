import { PY_BOOL, PY_GETATTR, PY_REPR } from "@tsdbt/jinja";

/**
 * dbt's parse-time Undefined as `model.batch` gives it: every attribute of it is itself, it is
 * false and prints nothing. A microbatch model's template may read `model.batch.id` at its top
 * level; dbt parses it (the batch exists only when a batch runs) and so does tsdbt.
 */
class ParseTimeUndefined {
  [PY_GETATTR](): ParseTimeUndefined {
    return this;
  }
  [PY_BOOL](): boolean {
    return false;
  }
  [PY_REPR](): string {
    return "";
  }
  toString(): string {
    return "";
  }
}

const PARSE_TIME_BATCH = new ParseTimeUndefined();

/**
 * The node as `model` while it is parsed: itself, except that `model.batch` (absent from the
 * node, and from `model.keys()`) is dbt's parse-time Undefined instead of an error.
 */
export function withParseTimeBatch<T extends object>(node: T): T {
  return new Proxy(node, {
    get: (target, key, receiver) => (key === "batch" && !(key in target) ? PARSE_TIME_BATCH : Reflect.get(target, key, receiver)),
  });
}
