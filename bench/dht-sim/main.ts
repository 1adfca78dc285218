/**
 * `npm run bench -- dht-sim [--quick]`: the Chord and Kademlia papers' simulations on the
 * pure cores. Prints one JSON line per result, draws docs/dht/*.svg, writes
 * docs/dht/README.md (tables beside the papers' values) and the dht-sim section of
 * docs/benchmarks.md.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { emit, round, writeBenchSection } from "../report";
import { keyLoad, pathLength, simultaneousFailure } from "./chord-experiments";
import { writeFigures } from "./figures";
import { churn, contactsPerLookup } from "./kademlia-experiments";
import { renderReadme, renderSection } from "./readme";
import type { DhtSimResults } from "./results";

const quick = process.argv.includes("--quick");
const DOCS = fileURLToPath(new URL("../../docs/dht/", import.meta.url));
const started = performance.now();
const seconds = (from: number) => round((performance.now() - from) / 1000, 1);

// Chord, Fig. 10: path length against N.
let t = performance.now();
const paths = pathLength(3, 14, quick ? 1_000 : 5_000, 10);
const pathSeconds = seconds(t);
for (const r of paths) {
  emit({
    bench: "dht-sim",
    figure: "chord-path-length",
    nodes: r.nodes,
    lookups: r.lookups,
    meanHops: round(r.mean),
    p1: r.p1,
    p99: r.p99,
    correct: r.correct,
    target: r.reference,
    ratio: round(r.mean / r.reference),
    withinTarget: Math.abs(r.mean - r.reference) <= 0.3,
  });
}
emit({
  bench: "dht-sim",
  figure: "chord-path-length",
  elapsedSeconds: pathSeconds,
  targetSeconds: 60,
});

// Chord, Figs. 8/9: keys per node with virtual nodes.
t = performance.now();
const loads = keyLoad(quick ? 1_000 : 10_000, quick ? 100_000 : 1_000_000, [1, 2, 5, 10, 20]);
for (const r of loads) {
  emit({
    bench: "dht-sim",
    figure: "chord-keys-per-node",
    nodes: r.nodes,
    keys: r.keys,
    virtualNodes: r.virtualNodes,
    mean: r.mean,
    p1: r.p1,
    p99: r.p99,
    p99OverMean: round(r.p99Ratio, 2),
    p1OverMean: round(r.p1Ratio, 2),
  });
}
const loadSeconds = seconds(t);

// Chord, Fig. 13: simultaneous failures, r = 1 and 3.
t = performance.now();
const failures = simultaneousFailure(
  1_000,
  quick ? 2_000 : 5_000,
  quick ? 300 : 1_000,
  [0.1, 0.2, 0.3, 0.4, 0.5],
  [1, 3],
  20,
);
for (const r of failures) {
  emit({ bench: "dht-sim", figure: "chord-simultaneous-failure", ...roundAll(r) });
}
const failSeconds = seconds(t);

// Kademlia: nodes contacted per lookup.
t = performance.now();
const contacts = contactsPerLookup(4, quick ? 10 : 14, quick ? 200 : 500, 30);
for (const r of contacts) {
  emit({
    bench: "dht-sim",
    figure: "kademlia-contacts",
    nodes: r.nodes,
    k: r.k,
    alpha: r.alpha,
    findNodeMean: round(r.findNode.mean),
    findNodeP99: r.findNode.p99,
    findValueMean: round(r.findValue.mean),
    findValueP99: r.findValue.p99,
    valueHops: round(r.valueHops),
    exactClosest: round(r.exact),
    reference: r.reference,
  });
}
const kadSeconds = seconds(t);

// Kademlia: gets under churn.
t = performance.now();
const churnRows = churn(128, quick ? 50 : 100, [0, 0.1, 0.2, 0.4], 5, 40);
for (const r of churnRows) emit({ bench: "dht-sim", figure: "kademlia-churn", ...roundAll(r) });
const churnSeconds = seconds(t);

const results: DhtSimResults = {
  quick,
  paths,
  loads,
  failures,
  contacts,
  churnRows,
  seconds: {
    paths: pathSeconds,
    loads: loadSeconds,
    failures: failSeconds,
    contacts: kadSeconds,
    churn: churnSeconds,
  },
};
writeFigures(DOCS, results);
writeFileSync(`${DOCS}README.md`, renderReadme(results));
writeBenchSection("dht-sim", renderSection(results));
emit({ bench: "dht-sim", totalSeconds: seconds(started) });

function roundAll<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? round(v, 4) : v]),
  );
}
