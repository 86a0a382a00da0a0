// A small inline-SVG line chart writer: the report must open offline as one
// file, and a chart library would weigh more than the rest of the project.

export interface Series {
  id: string;
  label: string;
  /** One value per x label; null where there is no value. */
  values: Array<number | null>;
}

export interface LineChartOptions {
  title: string;
  xLabels: string[];
  yLabel: string;
  series: Series[];
  width?: number;
  height?: number;
}

/** Distinct colours for up to 20 lines (Tableau 20); more lines reuse them. */
export const PALETTE = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
  "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
];

export const colourOf = (i: number) => PALETTE[i % PALETTE.length];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A "nice" axis maximum and step: 1, 2 or 5 times a power of ten. */
export function niceScale(max: number, ticks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.2 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { max: Math.ceil(max / step) * step, step };
}

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** One <path class="theme-line"> per series, with a dot per value and a legend beside the plot. */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 900;
  const legendWidth = 260;
  const rowHeight = 18;
  const height = Math.max(o.height ?? 380, 60 + o.series.length * rowHeight);
  const m = { top: 36, right: legendWidth + 20, bottom: 56, left: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { max, step } = niceScale(Math.max(0, ...all));
  const n = o.xLabels.length;
  const x = (i: number) => m.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => m.top + plotH - (v / max) * plotH;
  const parts: string[] = [];

  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(o.title)}">`);
  parts.push(`<title>${escapeXml(o.title)}</title>`);
  parts.push(`<text x="${m.left}" y="20" class="chart-title">${escapeXml(o.title)}</text>`);
  for (let k = 0; k <= Math.round(max / step); k++) {
    const v = k * step;
    parts.push(`<line class="grid" x1="${m.left}" x2="${m.left + plotW}" y1="${y(v)}" y2="${y(v)}"/>`);
    parts.push(`<text class="tick" x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end">${fmt(v)}</text>`);
  }
  const every = Math.max(1, Math.ceil(n / 12));
  o.xLabels.forEach((label, i) => {
    if (i % every === 0 || i === n - 1) parts.push(`<text class="tick" x="${x(i)}" y="${m.top + plotH + 18}" text-anchor="middle">${escapeXml(label)}</text>`);
  });
  parts.push(`<text class="axis-label" x="14" y="${m.top + plotH / 2}" transform="rotate(-90 14 ${m.top + plotH / 2})" text-anchor="middle">${escapeXml(o.yLabel)}</text>`);
  parts.push(`<line class="axis" x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}"/>`);
  parts.push(`<line class="axis" x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}"/>`);

  o.series.forEach((s, si) => {
    const colour = colourOf(si);
    const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
    // A gap (null) lifts the pen, so missing periods are not drawn as zero.
    let d = "";
    let pen = false;
    for (const p of points) {
      if (!p) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${p[0].toFixed(1)} ${p[1].toFixed(1)}`;
      pen = true;
    }
    parts.push(`<g class="series" data-theme="${escapeXml(s.id)}"><title>${escapeXml(s.label)}</title>`);
    parts.push(`<path class="theme-line" data-theme="${escapeXml(s.id)}" d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    points.forEach((p, i) => {
      if (p) parts.push(`<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${colour}"><title>${escapeXml(`${s.label}, ${o.xLabels[i]}: ${fmt(s.values[i]!)}`)}</title></circle>`);
    });
    parts.push(`</g>`);
    const ly = m.top + si * rowHeight;
    const lx = width - legendWidth;
    parts.push(`<g class="legend-item" data-theme="${escapeXml(s.id)}"><line x1="${lx}" x2="${lx + 18}" y1="${ly + 5}" y2="${ly + 5}" stroke="${colour}" stroke-width="3"/><text x="${lx + 24}" y="${ly + 9}">${escapeXml(s.label)}</text></g>`);
  });
  parts.push(`</svg>`);
  return parts.join("\n");
}
