import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** A running docs server. */
export interface DocsServer {
  /** `http://host:port/`. */
  url: string;
  port: number;
  /** Stops accepting connections and closes the open ones. */
  close(): Promise<void>;
}

/** Options of {@link serveSite}. */
export interface ServeOptions {
  /** Port (default 8080; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: only this machine can connect). */
  host?: string;
}

/**
 * Serves the files of `root` (target/) read-only over HTTP: GET and HEAD only, no directory
 * listings, nothing outside `root` (`..` and symlink escapes answer 404).
 */
export function serveSite(root: string, options: ServeOptions = {}): Promise<DocsServer> {
  const base = realpathSync(path.resolve(root));
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? "/", "http://local").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith("/")) rel += "index.html";
    const file = realOf(path.resolve(base, `.${rel}`));
    const stat = file?.startsWith(base + path.sep) ? statOf(file) : undefined;
    if (!stat?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[path.extname(file!).toLowerCase()] ?? "application/octet-stream",
      "content-length": stat.size,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file!).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${host}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function realOf(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function statOf(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
