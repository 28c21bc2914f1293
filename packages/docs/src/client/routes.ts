/** The page's routes, kept in the URL hash so they work from file:// and survive reloads. */
export type Route =
  | { kind: "overview" }
  | { kind: "entry"; id: string }
  | { kind: "graph"; select: string; exclude: string }
  | { kind: "columns"; id: string; column: string };

/** The hash of a route. */
export function hrefOf(route: Route): string {
  switch (route.kind) {
    case "overview":
      return "#/";
    case "entry":
      return `#/e/${encodeURIComponent(route.id)}`;
    case "graph":
      return `#/graph?select=${encodeURIComponent(route.select)}${route.exclude ? `&exclude=${encodeURIComponent(route.exclude)}` : ""}`;
    case "columns":
      return `#/col/${encodeURIComponent(route.id)}/${encodeURIComponent(route.column)}`;
  }
}

/** The route of a hash (the overview when unknown). */
export function parseRoute(hash: string): Route {
  const h = hash.replace(/^#/, "");
  let m = /^\/e\/(.+)$/.exec(h);
  if (m) return { kind: "entry", id: decodeURIComponent(m[1]) };
  m = /^\/col\/([^/]+)\/(.+)$/.exec(h);
  if (m) return { kind: "columns", id: decodeURIComponent(m[1]), column: decodeURIComponent(m[2]) };
  if (h.startsWith("/graph")) {
    const q = new URLSearchParams(h.slice(h.indexOf("?") + 1 || h.length));
    return { kind: "graph", select: q.get("select") ?? "", exclude: q.get("exclude") ?? "" };
  }
  return { kind: "overview" };
}
