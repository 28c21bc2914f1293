import { svg } from "./dom";
import type { Layout } from "./graph-layout";

/** How a node of a drawn graph looks and what clicking it does. */
export interface DrawnNode {
  id: string;
  label: string;
  sublabel?: string;
  kind: string;
  focus?: boolean;
}

/**
 * Draws a laid-out graph as SVG in `host` with wheel zoom, drag to pan, and fit-to-view.
 * Returns a handle to fit the view and to highlight a node and its neighbours.
 */
export function drawGraph(host: HTMLElement, layout: Layout, nodes: DrawnNode[], onClick: (id: string, event: MouseEvent) => void, onDoubleClick?: (id: string) => void) {
  const root = svg("svg", { class: "graph-svg", width: "100%", height: "100%" });
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "graph-arrow" }));
  defs.append(marker);
  const world = svg("g", { class: "graph-world" });
  root.append(defs, world);
  const edgeEls = new Map<string, SVGPathElement[]>();
  for (const e of layout.edges) {
    const d = e.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    const path = svg("path", { d, class: "graph-edge", "marker-end": "url(#arrow)" });
    world.append(path);
    for (const id of [e.from, e.to]) {
      const list = edgeEls.get(id) ?? [];
      list.push(path);
      edgeEls.set(id, list);
    }
  }
  const nodeEls = new Map<string, SVGGElement>();
  for (const n of nodes) {
    const box = layout.nodes.get(n.id);
    if (!box) continue;
    const g = svg("g", { class: `graph-node kind-${n.kind}${n.focus ? " focus" : ""}`, transform: `translate(${box.x - box.width / 2},${box.y - box.height / 2})`, "data-id": n.id });
    g.append(svg("rect", { width: box.width, height: box.height, rx: 6 }));
    const title = svg("text", { x: 10, y: n.sublabel ? 17 : box.height / 2 + 4, class: "graph-label" });
    title.textContent = n.label;
    g.append(title);
    if (n.sublabel) {
      const sub = svg("text", { x: 10, y: 32, class: "graph-sublabel" });
      sub.textContent = n.sublabel;
      g.append(sub);
    }
    const tip = svg("title");
    tip.textContent = n.sublabel ? `${n.label} · ${n.sublabel}` : n.label;
    g.append(tip);
    g.addEventListener("click", (ev) => onClick(n.id, ev));
    if (onDoubleClick) g.addEventListener("dblclick", () => onDoubleClick(n.id));
    world.append(g);
    nodeEls.set(n.id, g);
  }
  host.replaceChildren(root);

  let scale = 1;
  let tx = 0;
  let ty = 0;
  const apply = () => world.setAttribute("transform", `translate(${tx},${ty}) scale(${scale})`);
  const fit = () => {
    const w = host.clientWidth || 800;
    const hgt = host.clientHeight || 500;
    scale = Math.min(1.2, Math.max(0.05, Math.min(w / (layout.width + 40), hgt / (layout.height + 40))));
    tx = (w - layout.width * scale) / 2;
    ty = (hgt - layout.height * scale) / 2;
    apply();
  };
  root.addEventListener(
    "wheel",
    (ev) => {
      ev.preventDefault();
      const rect = root.getBoundingClientRect();
      const mx = ev.clientX - rect.left;
      const my = ev.clientY - rect.top;
      const factor = Math.exp(-ev.deltaY * 0.0015);
      const next = Math.min(4, Math.max(0.03, scale * factor));
      tx = mx - ((mx - tx) * next) / scale;
      ty = my - ((my - ty) * next) / scale;
      scale = next;
      apply();
    },
    { passive: false },
  );
  let drag: { x: number; y: number; tx: number; ty: number } | undefined;
  root.addEventListener("pointerdown", (ev) => {
    if ((ev.target as Element).closest(".graph-node")) return;
    drag = { x: ev.clientX, y: ev.clientY, tx, ty };
    root.setPointerCapture(ev.pointerId);
    root.classList.add("dragging");
  });
  root.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    tx = drag.tx + ev.clientX - drag.x;
    ty = drag.ty + ev.clientY - drag.y;
    apply();
  });
  const stop = () => {
    drag = undefined;
    root.classList.remove("dragging");
  };
  root.addEventListener("pointerup", stop);
  root.addEventListener("pointercancel", stop);
  fit();

  return {
    fit,
    /** Marks one node as selected and its edges as active (undefined clears). */
    highlight(id: string | undefined) {
      for (const el of world.querySelectorAll(".selected, .active")) el.classList.remove("selected", "active");
      if (!id) return;
      nodeEls.get(id)?.classList.add("selected");
      for (const p of edgeEls.get(id) ?? []) p.classList.add("active");
    },
  };
}
