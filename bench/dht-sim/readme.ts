/** The DHT simulations' write-ups: docs/dht/README.md and the dht-sim section of docs/benchmarks.md. */
import { cpus } from "node:os";
import { markdownTable, round } from "../report";
import type { DhtSimResults } from "./results";

/** docs/dht/README.md: every table of the run beside the papers' values. */
export function renderReadme(results: DhtSimResults): string {
  const { quick, paths, loads, failures, contacts, churnRows, seconds } = results;
  const pct = (v: number) => `${round(v * 100, 2)}%`;
  return `# DHT simulations: the Chord and Kademlia papers' figures

Written by \`npm run bench -- dht-sim\`${quick ? " --quick (reduced sizes)" : ""} on ${cpus()[0]?.model ?? "an unknown CPU"};
every number below is measured by the pure cores in \`shared/dht/\` driven by the simulator
in \`shared/dht/sim/\` (seeded, so a rerun prints the same numbers). Ticks are the unit of
virtual time; message latency is 1–10 ticks unless stated.

## Chord: lookup path length (paper Fig. 10)

Converged rings (fingers, successors and predecessors computed from the sorted membership,
as in the paper's simulator; the unit tests check that join/stabilize/fix_fingers reach the
same state), ${paths[0]?.lookups} lookups per size from random nodes for random keys. Hops
are the remote lookup steps until the key's predecessor answers, so a lookup the starting
node answers itself counts 0. Each step goes to the closest preceding finger, as the paper's
lookup does; the 8-entry successor list is only a fallback when fingers fail (see the failure
table below), so it never shortens a path here. The last column checks every lookup against
the sorted ring. Paper: mean ≈ ½·log2 N (about 4.9 at 2^10).
Target (issue 5): mean within 0.3 of ½·log2 N; N = 2^14 under a minute (took ${seconds.paths} s for all sizes).

${markdownTable(
  ["N", "mean hops", "p1", "p99", "½·log2 N", "mean − ½·log2 N", "at the key's successor"],
  paths.map((r) => [
    `2^${Math.log2(r.nodes)}`,
    round(r.mean, 2),
    r.p1,
    r.p99,
    r.reference,
    round(r.mean - r.reference, 2),
    pct(r.correct),
  ]),
)}

![path length](chord-path-length.svg)

## Chord: keys per node (paper Figs. 8 and 9)

${loads[0]?.nodes} nodes, ${loads[0]?.keys} keys, each key on its successor; a node with v
virtual nodes owns the keys of all v. Paper: p99 ≈ 4.8× the mean with one identifier per
node, falling to ≈ 1.6× with 20 virtual nodes.

${markdownTable(
  ["virtual nodes", "mean", "p1", "p99", "p99 / mean", "p1 / mean"],
  loads.map((r) => [
    r.virtualNodes,
    r.mean,
    r.p1,
    r.p99,
    round(r.p99Ratio, 2),
    round(r.p1Ratio, 2),
  ]),
)}

![keys per node](chord-keys-per-node.svg)

## Chord: simultaneous failures (paper Fig. 13, with replication)

1,000 converged nodes with successor lists of 2·⌈log2 N⌉ = 20 (the paper's choice); each key
on its successor and the next r − 1 nodes. A fraction p fails at once and, before any
stabilization, gets run from live nodes, routing around dead nodes by timeouts (500 ticks).
"Failed lookups" did not end at the key's live successor; "lost keys" have no copy on any
live node — to be set against p^r, the chance that all r holders failed.

${markdownTable(
  [
    "r",
    "p",
    "lost keys",
    "p^r",
    "reads missing",
    "failed lookups",
    "mean hops",
    "timeouts per get",
  ],
  failures.map((f) => [
    f.replicas,
    f.failed,
    pct(f.lostKeys),
    pct(f.expectedLost),
    pct(f.readMisses),
    pct(f.lookupFailures),
    round(f.meanHops, 2),
    round(f.meanTimeouts, 2),
  ]),
)}

![failures](chord-failures.svg)

## Kademlia: nodes contacted per lookup

Converged k-buckets (each bucket up to k random members of its range), k and α from
\`kademliaConfig(N)\`: k = clamp(⌈N/8⌉, 3, 20), α = min(3, k). FIND_NODE must hear from
the k closest nodes before it stops, so it contacts at least k; FIND_VALUE stops at the
first holder. "Depth" is the lookup round in which the value was found. Against ⌈log2 N⌉.

${markdownTable(
  [
    "N",
    "k",
    "FIND_NODE mean",
    "p99",
    "FIND_VALUE mean",
    "p99",
    "value depth",
    "exact k closest",
    "⌈log2 N⌉",
  ],
  contacts.map((r) => [
    `2^${Math.log2(r.nodes)}`,
    r.k,
    round(r.findNode.mean, 2),
    r.findNode.p99,
    round(r.findValue.mean, 2),
    r.findValue.p99,
    round(r.valueHops, 2),
    pct(r.exact),
    r.reference,
  ]),
)}

![contacts](kademlia-contacts.svg)

## Kademlia: gets under churn

${churnRows[0]?.nodes} nodes, ${churnRows[0]?.minutes} virtual minutes (1 tick = 1 ms, latency
5–50 ms), values written at the start; nodes crash (no hand-off) and fresh nodes join at the
given rate while maintenance runs every 5 s, holders republish every 60–90 s (the paper's
hour scaled down) and buckets refresh after 5 min without a lookup. At the end every value is
read from a random live node.

${markdownTable(
  [
    "replaced per minute",
    "gets answered",
    "values still on a k-closest node",
    "exact k closest",
    "mean contacted",
  ],
  churnRows.map((r) => [
    pct(r.churnPerMinute),
    pct(r.getSuccess),
    pct(r.held),
    pct(r.exact),
    round(r.meanContacted, 2),
  ]),
)}

![churn](kademlia-churn.svg)

Run times: path length ${seconds.paths} s, keys per node ${seconds.loads} s, failures ${seconds.failures} s,
Kademlia contacts ${seconds.contacts} s, churn ${seconds.churn} s.
`;
}

/** The dht-sim section of docs/benchmarks.md: the headline measures against their targets. */
export function renderSection(results: DhtSimResults): string {
  const { paths, loads, failures, seconds } = results;
  const largest = paths[paths.length - 1];
  const within = paths.filter((r) => Math.abs(r.mean - r.reference) <= 0.3).length;
  const v1 = loads[0];
  const v20 = loads[loads.length - 1];
  const r3 = failures.find((f) => f.replicas === 3 && f.failed === 0.5);
  return `## dht-sim — Chord and Kademlia papers' figures in the simulator

Machine: ${cpus()[0]?.model ?? "unknown"}. Full tables and figures: [docs/dht/README.md](dht/README.md).

${markdownTable(
  ["measure", "measured", "target / paper", "ratio"],
  [
    [
      "Chord mean hops, N = 2^14",
      round(largest?.mean ?? 0, 2),
      `½·log2 N = ${largest?.reference}`,
      round((largest?.mean ?? 0) / (largest?.reference ?? 1), 3),
    ],
    [
      "sizes 2^3…2^14 within 0.3 of ½·log2 N",
      `${within} / ${paths.length}`,
      `${paths.length} / ${paths.length}`,
      round(within / paths.length, 2),
    ],
    [
      "Chord path-length sweep to N = 2^14 (s)",
      seconds.paths,
      "< 60",
      round(seconds.paths / 60, 2),
    ],
    [
      "keys/node p99 ÷ mean, 1 id per node",
      round(v1?.p99Ratio ?? 0, 2),
      "≈ 4.8",
      round((v1?.p99Ratio ?? 0) / 4.8, 2),
    ],
    [
      `keys/node p99 ÷ mean, ${v20?.virtualNodes} virtual nodes`,
      round(v20?.p99Ratio ?? 0, 2),
      "≈ 1.6",
      round((v20?.p99Ratio ?? 0) / 1.6, 2),
    ],
    [
      "lost keys, p = 0.5, r = 3",
      round(r3?.lostKeys ?? 0, 4),
      `p³ = ${r3?.expectedLost}`,
      round((r3?.lostKeys ?? 0) / (r3?.expectedLost ?? 1), 2),
    ],
  ],
)}
`;
}
