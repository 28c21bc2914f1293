import type * as pg from "pg";

let loaded: typeof pg | undefined;

/**
 * node-postgres, loaded on first use rather than when the adapter's modules load: the main thread
 * creates the adapter only to read its dialect, and then never loads the driver.
 *
 * On Node.js 20, which has no `navigator` global yet, pg probes for Cloudflare Workers as it loads
 * by building a fetch `Response`, which loads Node's whole fetch implementation (undici): about
 * 20 ms and 700 page faults in each thread that loads pg. A `navigator` naming Node.js, present only
 * while pg loads, answers that probe as Node.js 21 and later do.
 */
export function nodePostgres(): typeof pg {
  if (loaded) return loaded;
  if ("navigator" in globalThis) return (loaded = require("pg") as typeof pg);
  Object.defineProperty(globalThis, "navigator", { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return (loaded = require("pg") as typeof pg);
  } finally {
    delete (globalThis as { navigator?: unknown }).navigator;
  }
}
