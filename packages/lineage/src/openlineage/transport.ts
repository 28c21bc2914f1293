import * as fs from "node:fs";
import * as path from "node:path";
import type { OlRunEvent } from "./spec";

/** Where events go. `send` never throws nor waits for delivery; `close` flushes within a time limit. */
export interface OpenLineageTransport {
  send(event: OlRunEvent): void;
  /** Waits for queued events (at most `timeoutMs`), then releases resources. Never throws. */
  close(timeoutMs: number): Promise<void>;
}

/** Called once per transport with the first delivery problem (the run goes on). */
export type TransportWarning = (message: string) => void;

/**
 * The OpenLineage endpoint for a URL: a bare server URL gets OpenLineage's default path
 * (`/api/v1/lineage`); a URL with a path is used as given. Undefined for a non-http(s) URL.
 */
export function endpointFor(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = "/api/v1/lineage";
  return parsed.toString();
}

/**
 * Posts events as JSON, one request at a time in emission order (a START reaches the backend
 * before its COMPLETE), in the background. Failures are reported once through `warn`; later
 * events are still attempted. `apiKey` is sent as a bearer token.
 */
export function httpTransport(endpoint: string, warn: TransportWarning, options: { apiKey?: string; requestTimeoutMs?: number } = {}): OpenLineageTransport {
  let chain: Promise<void> = Promise.resolve();
  let warned = false;
  let pending = 0;
  const aborter = new AbortController();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const post = async (event: OlRunEvent) => {
    try {
      const signal = AbortSignal.any([aborter.signal, AbortSignal.timeout(options.requestTimeoutMs ?? 5000)]);
      const res = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(event), signal });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    } catch (e) {
      if (!warned && !aborter.signal.aborted) {
        warned = true;
        warn(`OpenLineage events could not be sent to ${endpoint} (${(e as Error).message}); the run goes on without them.`);
      }
    } finally {
      pending--;
    }
  };
  return {
    send(event) {
      pending++;
      chain = chain.then(() => post(event));
    },
    async close(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
      const late = await Promise.race([chain.then(() => false), timedOut]);
      clearTimeout(timer);
      if (late && pending > 0) {
        if (!warned) warn(`${pending} OpenLineage event${pending === 1 ? " was" : "s were"} not delivered to ${endpoint} within ${timeoutMs / 1000}s of the run's end; they are dropped.`);
        warned = true;
        aborter.abort();
      }
    },
  };
}

/** Appends one JSON event per line to a file (its folder is created); a write error is reported once. */
export function fileTransport(file: string, warn: TransportWarning): OpenLineageTransport {
  let stream: fs.WriteStream | undefined;
  let warned = false;
  const fail = (e: unknown) => {
    if (warned) return;
    warned = true;
    warn(`OpenLineage events could not be written to ${file} (${(e as Error).message}); the run goes on without them.`);
  };
  const open = () => {
    if (stream || warned) return stream;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      stream = fs.createWriteStream(file, { flags: "a" });
      stream.on("error", fail);
    } catch (e) {
      fail(e);
    }
    return stream;
  };
  return {
    send(event) {
      open()?.write(`${JSON.stringify(event)}\n`);
    },
    async close(timeoutMs) {
      const s = stream;
      if (!s || s.destroyed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        s.end(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
