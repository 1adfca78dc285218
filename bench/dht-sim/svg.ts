/**
 * A small SVG line chart for the DHT figures: several series of points, optional error
 * bars (p1–p99 spreads), dashed reference curves, linear or log2 x axis. No plotting
 * dependency; the output is plain SVG text.
 */

export interface Point {
  x: number;
  y: number;
  /** Error bar ends, e.g. the 1st and 99th percentiles. */
  lo?: number;
  hi?: number;
}

export interface Series {
  name: string;
  points: Point[];
  dashed?: boolean;
}

export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  log2x?: boolean;
}

const WIDTH = 640;
const HEIGHT = 400;
const PAD = { left: 64, right: 170, top: 40, bottom: 52 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"];

export function lineChart(chart: Chart): string {
  const tx = (x: number) => (chart.log2x ? Math.log2(x) : x);
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map((p) => tx(p.x));
  const ys = all.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const y0 = Math.min(0, ...ys);
  const y1 = niceCeil(Math.max(...ys));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (x: number) => tenth(PAD.left + ((tx(x) - x0) / (x1 - x0 || 1)) * plotW);
  const sy = (y: number) => tenth(PAD.top + plotH - ((y - y0) / (y1 - y0 || 1)) * plotH);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${PAD.left}" y="22" font-size="15">${escapeXml(chart.title)}</text>`,
  ];
  for (const y of ticks(y0, y1)) {
    out.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${sy(y) + 4}" text-anchor="end">${fmt(y)}</text>`,
    );
  }
  const xTicks = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  for (const x of xTicks) {
    const label = chart.log2x ? `2^${Math.round(Math.log2(x))}` : fmt(x);
    out.push(`<text x="${sx(x)}" y="${PAD.top + plotH + 16}" text-anchor="middle">${label}</text>`);
  }
  out.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : "";
    const path = series.points.map((p, j) => `${j === 0 ? "M" : "L"}${sx(p.x)},${sy(p.y)}`);
    out.push(
      `<path d="${path.join(" ")}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>`,
    );
    for (const p of series.points) {
      if (p.lo !== undefined && p.hi !== undefined) {
        out.push(
          `<line x1="${sx(p.x)}" x2="${sx(p.x)}" y1="${sy(p.lo)}" y2="${sy(p.hi)}" stroke="${colour}"/>`,
          `<line x1="${sx(p.x) - 4}" x2="${sx(p.x) + 4}" y1="${sy(p.lo)}" y2="${sy(p.lo)}" stroke="${colour}"/>`,
          `<line x1="${sx(p.x) - 4}" x2="${sx(p.x) + 4}" y1="${sy(p.hi)}" y2="${sy(p.hi)}" stroke="${colour}"/>`,
        );
      }
      if (!series.dashed)
        out.push(`<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3" fill="${colour}"/>`);
    }
    const ly = PAD.top + 10 + i * 18;
    const lx = PAD.left + plotW + 12;
    out.push(
      `<line x1="${lx}" x2="${lx + 22}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 28}" y="${ly + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

function tenth(v: number): number {
  return Math.round(v * 10) / 10;
}

function ticks(lo: number, hi: number): number[] {
  const step = niceCeil((hi - lo) / 5);
  const out: number[] = [];
  for (let y = Math.ceil(lo / step) * step; y <= hi + 1e-9; y += step) out.push(y);
  return out;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above v. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const base = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= v) return m * base;
  return 10 * base;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
