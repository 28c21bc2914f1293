/**
 * A list that creates DOM rows only for what is on screen (plus a margin), so lists of any
 * length scroll smoothly: rows have a fixed height and sit at absolute offsets in a spacer.
 */
export class VirtualList {
  private count = 0;
  private readonly spacer: HTMLDivElement;
  private frame = 0;
  private rendered = "";

  constructor(
    readonly container: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (index: number) => HTMLElement,
  ) {
    container.classList.add("vlist");
    this.spacer = document.createElement("div");
    this.spacer.className = "vlist-spacer";
    container.replaceChildren(this.spacer);
    container.addEventListener("scroll", () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(container);
  }

  /** Sets the number of rows and redraws. */
  setCount(count: number): void {
    this.count = count;
    this.spacer.style.height = `${count * this.rowHeight}px`;
    this.refresh();
  }

  /** Redraws the visible rows now (after their data changed). */
  refresh(): void {
    this.rendered = "";
    this.draw();
  }

  /** Scrolls so that row `index` is visible. */
  reveal(index: number): void {
    const top = index * this.rowHeight;
    const view = this.container.clientHeight;
    if (top < this.container.scrollTop || top + this.rowHeight > this.container.scrollTop + view) {
      this.container.scrollTop = Math.max(0, top - view / 3);
    }
    this.draw();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const view = this.container.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.container.scrollTop / this.rowHeight) - 10);
    const last = Math.min(this.count, Math.ceil((this.container.scrollTop + view) / this.rowHeight) + 10);
    const key = `${first}:${last}:${this.count}`;
    if (key === this.rendered) return;
    this.rendered = key;
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = this.renderRow(i);
      row.style.top = `${i * this.rowHeight}px`;
      row.style.height = `${this.rowHeight}px`;
      row.classList.add("vlist-row");
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
  }
}
