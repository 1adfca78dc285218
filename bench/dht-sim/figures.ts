/** The DHT simulations' figures: one SVG line chart per experiment, beside docs/dht/README.md. */
import { writeFileSync } from "node:fs";
import type { DhtSimResults } from "./results";
import { lineChart } from "./svg";

/** Draws the run's figures as SVG files in `docs`. */
export function writeFigures(docs: string, results: DhtSimResults): void {
  const { paths, loads, failures, contacts, churnRows } = results;
  writeFileSync(
    `${docs}chord-path-length.svg`,
    lineChart({
      title: "Chord: lookup path length (mean, p1–p99)",
      xLabel: "nodes N",
      yLabel: "hops",
      log2x: true,
      series: [
        {
          name: "mean hops (p1–p99)",
          points: paths.map((r) => ({ x: r.nodes, y: r.mean, lo: r.p1, hi: r.p99 })),
        },
        {
          name: "½·log2 N",
          dashed: true,
          points: paths.map((r) => ({ x: r.nodes, y: r.reference })),
        },
      ],
    }),
  );
  writeFileSync(
    `${docs}chord-keys-per-node.svg`,
    lineChart({
      title: `Chord: keys per node, ${loads[0]?.nodes} nodes, ${loads[0]?.keys} keys`,
      xLabel: "virtual nodes per node",
      yLabel: "keys per node",
      series: [
        {
          name: "mean (p1–p99)",
          points: loads.map((r) => ({ x: r.virtualNodes, y: r.mean, lo: r.p1, hi: r.p99 })),
        },
        { name: "p99", points: loads.map((r) => ({ x: r.virtualNodes, y: r.p99 })) },
        { name: "p1", points: loads.map((r) => ({ x: r.virtualNodes, y: r.p1 })) },
      ],
    }),
  );
  const byR = (r: number) => failures.filter((f) => f.replicas === r);
  writeFileSync(
    `${docs}chord-failures.svg`,
    lineChart({
      title: "Chord: after simultaneous failure of a fraction p",
      xLabel: "fraction of nodes failed p",
      yLabel: "fraction",
      series: [
        { name: "lost keys, r = 1", points: byR(1).map((f) => ({ x: f.failed, y: f.lostKeys })) },
        {
          name: "p",
          dashed: true,
          points: byR(1).map((f) => ({ x: f.failed, y: f.expectedLost })),
        },
        { name: "lost keys, r = 3", points: byR(3).map((f) => ({ x: f.failed, y: f.lostKeys })) },
        {
          name: "p³",
          dashed: true,
          points: byR(3).map((f) => ({ x: f.failed, y: f.expectedLost })),
        },
        {
          name: "failed lookups, r = 3",
          points: byR(3).map((f) => ({ x: f.failed, y: f.lookupFailures })),
        },
      ],
    }),
  );
  writeFileSync(
    `${docs}kademlia-contacts.svg`,
    lineChart({
      title: "Kademlia: nodes contacted per lookup",
      xLabel: "nodes N",
      yLabel: "nodes contacted",
      log2x: true,
      series: [
        {
          name: "FIND_NODE (p1–p99)",
          points: contacts.map((r) => ({
            x: r.nodes,
            y: r.findNode.mean,
            lo: r.findNode.p1,
            hi: r.findNode.p99,
          })),
        },
        {
          name: "FIND_VALUE (p1–p99)",
          points: contacts.map((r) => ({
            x: r.nodes,
            y: r.findValue.mean,
            lo: r.findValue.p1,
            hi: r.findValue.p99,
          })),
        },
        {
          name: "⌈log2 N⌉",
          dashed: true,
          points: contacts.map((r) => ({ x: r.nodes, y: r.reference })),
        },
      ],
    }),
  );
  writeFileSync(
    `${docs}kademlia-churn.svg`,
    lineChart({
      title: `Kademlia: ${churnRows[0]?.nodes} nodes under churn (${churnRows[0]?.minutes} min)`,
      xLabel: "nodes replaced per minute (share of N)",
      yLabel: "fraction",
      series: [
        {
          name: "gets answered",
          points: churnRows.map((r) => ({ x: r.churnPerMinute, y: r.getSuccess })),
        },
        {
          name: "exact k closest",
          points: churnRows.map((r) => ({ x: r.churnPerMinute, y: r.exact })),
        },
      ],
    }),
  );
}
