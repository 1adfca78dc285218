/**
 * The WAN benchmark's figure: median and 99th-percentile commit latency per client
 * region, one bar group per region and one bar per engine. Plain SVG text, no plotting
 * dependency.
 */

export interface BarGroup {
  label: string;
  /** One value per series, in series order: [p50, p99]. */
  values: [number, number][];
}

const WIDTH = 720;
const HEIGHT = 380;
const PAD = { left: 60, right: 200, top: 40, bottom: 48 };
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c"];

/** Bars of p50 (solid) with a whisker up to p99, per group and series. */
export function barChart(
  title: string,
  series: readonly string[],
  groups: readonly BarGroup[],
): string {
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v[1])));
  const top = Math.ceil(max / 100) * 100;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const groupW = plotW / groups.length;
  const barW = (groupW * 0.8) / series.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${PAD.left}" y="22" font-size="14">${title}</text>`,
  ];
  for (let tick = 0; tick <= top; tick += top / 5) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${y(tick) + 4}" text-anchor="end">${Math.round(tick)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">commit latency, ms (bar p50, whisker p99)</text>`,
  );
  groups.forEach((group, g) => {
    const x0 = PAD.left + g * groupW + groupW * 0.1;
    group.values.forEach(([p50, p99], s) => {
      const x = x0 + s * barW;
      const colour = COLOURS[s % COLOURS.length];
      parts.push(
        `<rect x="${x}" y="${y(p50)}" width="${barW - 2}" height="${y(0) - y(p50)}" fill="${colour}"/>`,
        `<line x1="${x + barW / 2 - 1}" x2="${x + barW / 2 - 1}" y1="${y(p50)}" y2="${y(p99)}" stroke="#333"/>`,
      );
    });
    parts.push(
      `<text x="${x0 + (barW * series.length) / 2}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${group.label}</text>`,
    );
  });
  series.forEach((name, s) => {
    const ly = PAD.top + 10 + s * 20;
    parts.push(
      `<rect x="${WIDTH - PAD.right + 16}" y="${ly - 10}" width="12" height="12" fill="${COLOURS[s % COLOURS.length]}"/>`,
      `<text x="${WIDTH - PAD.right + 34}" y="${ly}">${name}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
