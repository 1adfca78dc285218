/**
 * An equirectangular world map of one placement, drawn from scratch: a graticule, the
 * catalog's colos as faint dots (they outline where the networked world is), each job as
 * a dot coloured by its site, and the chosen sites as labelled rings.
 */
import { COLOS } from "../../shared/sched/colos";
import type { PlacementResult } from "../../shared/sched/placement/place";
import type { PlacementJob } from "../../shared/sched/placement/request";

const WIDTH = 1080;
const HEIGHT = 540;
const PALETTE = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
  "#000075",
  "#bfef45",
];

function x(lon: number): number {
  return ((lon + 180) / 360) * WIDTH;
}

function y(lat: number): number {
  return ((90 - lat) / 180) * HEIGHT;
}

/** The SVG document for `result` placing `jobs`. */
export function placementSvg(
  jobs: readonly PlacementJob[],
  result: PlacementResult,
  title: string,
): string {
  const colour = new Map(
    result.sites.map((s, j) => [s.iata, PALETTE[j % PALETTE.length] as string]),
  );
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT + 30}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#f4f7fb"/>`,
  ];
  for (let lon = -180; lon <= 180; lon += 30) {
    parts.push(
      `<line x1="${x(lon)}" y1="0" x2="${x(lon)}" y2="${HEIGHT}" stroke="#dde3ea" stroke-width="0.5"/>`,
    );
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    parts.push(
      `<line x1="0" y1="${y(lat)}" x2="${WIDTH}" y2="${y(lat)}" stroke="#dde3ea" stroke-width="0.5"/>`,
    );
  }
  for (const colo of COLOS) {
    parts.push(
      `<circle cx="${x(colo.lon).toFixed(1)}" cy="${y(colo.lat).toFixed(1)}" r="1.5" fill="#b8c2cc"/>`,
    );
  }
  jobs.forEach((job, i) => {
    const site = result.assignment[i]?.site ?? "";
    parts.push(
      `<circle cx="${x(job.lon).toFixed(1)}" cy="${y(job.lat).toFixed(1)}" r="1.6" fill="${colour.get(site)}" fill-opacity="0.6"/>`,
    );
  });
  for (const site of result.sites) {
    const cx = x(site.lon).toFixed(1);
    const cy = y(site.lat).toFixed(1);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="7" fill="none" stroke="#111" stroke-width="2"/>`);
    parts.push(`<circle cx="${cx}" cy="${cy}" r="4" fill="${colour.get(site.iata)}"/>`);
    parts.push(
      `<text x="${(Number(cx) + 9).toFixed(1)}" y="${(Number(cy) - 6).toFixed(1)}" font-size="13" font-weight="bold" fill="#111">${site.iata} (${site.hint})</text>`,
    );
  }
  parts.push(`<text x="8" y="${HEIGHT + 21}" font-size="14" fill="#222">${title}</text>`, "</svg>");
  return `${parts.join("\n")}\n`;
}
