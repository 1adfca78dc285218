/**
 * Kademlia's iterative lookup. The initiator keeps a shortlist ordered by XOR distance to
 * the target, keeps α requests in flight to the closest contacts not yet asked, merges the
 * contacts each answer brings, and stops when the k closest it knows have all answered (a
 * node lookup) or as soon as one returns the value (a value lookup). Unanswered contacts
 * are dropped from the shortlist and reported to the routing table. The initiator is on
 * its own shortlist, so it is among the k closest when it is one of them — unless it looks
 * for the k closest *other* nodes (a leaving node placing its records).
 */
import type { RecordValue } from "../write-stamp";
import type { KadContact, KadResponse } from "./types";

/** How a lookup reaches the network; implemented by `KademliaNode`. */
export interface KadLookupPort {
  ask(to: KadContact, onReply: (res: KadResponse) => void, onTimeout: () => void): void;
  failed(contact: KadContact): void;
}

export interface KadLookupResult {
  /** The k closest contacts that answered, closest first. */
  closest: KadContact[];
  /** Set when a value lookup found the value. */
  value?: { value: RecordValue; ttl: number; from: KadContact };
  contacted: number;
  hops: number;
}

type State = "new" | "asked" | "answered" | "failed";

interface Entry {
  contact: KadContact;
  distance: bigint;
  state: State;
  /** 1 for contacts from our own table, parent + 1 for contacts learned from an answer. */
  depth: number;
}

export class KadLookup {
  /** Invariant: sorted by distance to the target; one entry per address. */
  private readonly shortlist: Entry[] = [];
  private readonly known = new Set<string>();
  private inFlight = 0;
  private contacted = 0;
  private finished = false;

  constructor(
    private readonly target: bigint,
    private readonly k: number,
    private readonly alpha: number,
    private readonly port: KadLookupPort,
    private readonly finish: (result: KadLookupResult) => void,
  ) {}

  /**
   * Starts from our own table; `self` counts as an answered entry at depth 0 when
   * `withSelf`, and is never on the shortlist otherwise.
   */
  start(self: KadContact, seeds: KadContact[], withSelf = true): void {
    if (withSelf) {
      this.shortlist.push({
        contact: self,
        distance: self.id ^ this.target,
        state: "answered",
        depth: 0,
      });
    }
    this.known.add(self.addr);
    this.merge(seeds, 1);
    this.pump();
  }

  private merge(contacts: KadContact[], depth: number): void {
    for (const contact of contacts) {
      if (this.known.has(contact.addr)) continue;
      this.known.add(contact.addr);
      const distance = contact.id ^ this.target;
      let at = this.shortlist.length;
      while (at > 0 && (this.shortlist[at - 1] as Entry).distance > distance) at--;
      this.shortlist.splice(at, 0, { contact, distance, state: "new", depth });
    }
  }

  private pump(): void {
    if (this.finished) return;
    let live = 0;
    let settled = true;
    for (const entry of this.shortlist) {
      if (entry.state === "failed") continue;
      if (live++ >= this.k) break;
      if (entry.state !== "answered") settled = false;
      if (entry.state === "new" && this.inFlight < this.alpha) this.ask(entry);
    }
    if (settled && this.inFlight === 0) this.complete();
  }

  private ask(entry: Entry): void {
    entry.state = "asked";
    this.inFlight++;
    this.contacted++;
    this.port.ask(
      entry.contact,
      (res) => {
        this.inFlight--;
        entry.state = "answered";
        if (res.kind === "value" && !this.finished) {
          this.complete({ value: res.value, ttl: res.ttl, from: entry.contact }, entry.depth);
          return;
        }
        if (res.kind === "nodes") this.merge(res.contacts, entry.depth + 1);
        this.pump();
      },
      () => {
        this.inFlight--;
        entry.state = "failed";
        this.port.failed(entry.contact);
        this.pump();
      },
    );
  }

  private complete(value?: KadLookupResult["value"], valueDepth?: number): void {
    this.finished = true;
    const answered = this.shortlist.filter((e) => e.state === "answered").slice(0, this.k);
    this.finish({
      closest: answered.map((e) => e.contact),
      ...(value ? { value } : {}),
      contacted: this.contacted,
      hops: valueDepth ?? answered[0]?.depth ?? 0,
    });
  }
}
