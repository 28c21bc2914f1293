import { DEPS_CODES, depsError } from "./deps-error";

/**
 * GETs `url` (30 s timeout). Network failures and non-2xx answers other than 404 become
 * TSDBT-E060; a 404 returns `undefined` so callers can name what was not found.
 */
export async function httpGet(url: string, what: string): Promise<Buffer | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw depsError(DEPS_CODES.unreachable, `Could not reach ${url} (${what}): ${cause?.code ?? cause?.message ?? (e as Error).message}.`, "Check the network, or the URL; DBT_PACKAGE_HUB_URL sets the package hub's address.");
  }
  if (res.status === 404) return undefined;
  if (!res.ok) throw depsError(DEPS_CODES.unreachable, `${url} (${what}) answered HTTP ${res.status}.`, "Try again later, or check the URL.");
  return Buffer.from(await res.arrayBuffer());
}
