import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP proxy in front of an emulator; `recorded` holds what `record` kept of each request. */
export interface RecordingProxy<T> {
  url: string;
  port: number;
  recorded: T[];
  close: () => Promise<void>;
}

/**
 * An HTTP proxy to `target` that forwards every request unchanged and shows each to `record`
 * (method, path and raw body) first: what it returns, when not undefined, is kept in `recorded`.
 * Tests point a profile's endpoint at it to read what the warehouse driver really sent.
 */
export async function recordingProxy<T>(target: string, record: (method: string, path: string, body: Buffer, headers: http.IncomingHttpHeaders) => T | undefined): Promise<RecordingProxy<T>> {
  const recorded: T[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", target);
      const kept = record(req.method ?? "GET", url.pathname, body, req.headers);
      if (kept !== undefined) recorded.push(kept);
      const forwarded = http.request(url, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on("error", () => res.writeHead(502).end());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, port, recorded, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
