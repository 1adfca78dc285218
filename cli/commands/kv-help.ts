/**
 * What `edgeos help kv` shows: one entry per `kv` subcommand with its flags, defaults
 * and an example. Kept beside `kv.ts` so the subcommands' code and their help can change
 * independently; a unit test checks every flag named here is one `kv.ts` accepts.
 */
import type { FlagHelp, UsageHelp } from "../command";

const GROUP: FlagHelp = { flag: "--group G", text: "consensus group", default: "default" };

/** Help of `edgeos kv put|get|del|ls|txn|watch`. */
export const KV_HELP: readonly UsageHelp[] = [
  {
    name: "put",
    args: "KEY VALUE [--group G] [--lease ID]",
    summary: "write KEY = VALUE; prints the revision and the key's version",
    flags: [GROUP, { flag: "--lease ID", text: "attach the key to lease ID", default: "none" }],
    example: "kv put hello world",
  },
  {
    name: "get",
    args: "KEY [--group G] [--serializable]",
    summary: "print the value of KEY (a linearizable read unless --serializable)",
    flags: [
      GROUP,
      { flag: "--serializable", text: "read from any replica, possibly stale", default: "off" },
    ],
    example: "kv get hello",
  },
  {
    name: "del",
    args: "KEY [--group G]",
    summary: "delete KEY; prints how many keys went and the revision",
    flags: [GROUP],
    example: "kv del hello",
  },
  {
    name: "ls",
    args: "[PREFIX] [--group G] [--limit N]",
    summary: "list keys starting with PREFIX, in key order",
    flags: [GROUP, { flag: "--limit N", text: "most keys listed", default: "the server's" }],
    example: "kv ls user/ --limit 10",
  },
  {
    name: "txn",
    args: "FILE.json [--group G]",
    summary:
      "run a transaction from a JSON file {compare, success, failure}; exit 1 if the compare failed",
    flags: [GROUP],
    example: "kv txn cas.json --group orders",
  },
  {
    name: "watch",
    args: "[PREFIX] [--group G] [--from REV]",
    summary: "print every change under PREFIX as it happens, until Ctrl-C",
    flags: [
      GROUP,
      { flag: "--from REV", text: "replay changes since revision REV", default: "now" },
    ],
    example: "kv watch hello --from 12",
  },
];
