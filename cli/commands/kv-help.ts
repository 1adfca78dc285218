/**
 * What `edgeos help kv` shows: one entry per `kv` subcommand with its flags, defaults
 * and an example. Kept beside `kv.ts` so the subcommands' code and their help can change
 * independently; a unit test checks every flag named here is one `kv.ts` accepts.
 */
import type { FlagHelp, UsageHelp } from "../command";

const GROUP: FlagHelp = { flag: "--group G", text: "consensus group", default: "default" };

/** Help of `edgeos kv put|get|rm|ls|txn|watch`. */
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
    name: "rm",
    args: "KEY | --prefix P | --all [--group G]",
    summary: "delete KEY, every key under P, or every key; prints how many went (del is rm)",
    flags: [
      GROUP,
      { flag: "--prefix P", text: "delete every key starting with P, atomically" },
      { flag: "--all", text: "delete every key of the group", default: "off" },
    ],
    example: "kv rm --prefix config/",
  },
  {
    name: "ls",
    args: "[PREFIX] [--tree] [--limit N] [--all] [--cursor C] …",
    summary:
      "list keys starting with PREFIX in key order; --tree shows one level (keys and dir/ prefixes)",
    flags: [
      GROUP,
      { flag: "--tree", text: "fold keys at / into prefixes: one tree level", default: "off" },
      { flag: "--limit N", text: "most entries per page (1-1000)", default: "100" },
      { flag: "--all", text: "follow the cursors until every key is listed", default: "off" },
      { flag: "--cursor C", text: "continue a listing where the last page stopped" },
      { flag: "--start K", text: "only keys at or after K" },
      { flag: "--end K", text: "only keys before K" },
      { flag: "--keys-only", text: "print keys without values", default: "off" },
      { flag: "--count", text: "print only how many keys match", default: "off" },
    ],
    example: "kv ls config/ --tree",
  },
  {
    name: "txn",
    args: "FILE.json|- [--group G]",
    summary:
      "run a txn {compare, success, failure} from a JSON file or stdin (-); prints each op's result, exit 1 if the compare failed",
    flags: [GROUP],
    example: "kv txn - < cas.json",
  },
  {
    name: "watch",
    args: "KEY [--prefix] [--group G] [--from REV]",
    summary:
      "print every change of KEY (or of the keys under KEY with --prefix) as it happens, until Ctrl-C; reconnects after a dropped stream from the last revision seen",
    flags: [
      GROUP,
      { flag: "--prefix", text: "watch every key starting with KEY", default: "off" },
      { flag: "--from REV", text: "replay changes since revision REV", default: "now" },
    ],
    example: "kv watch hello --from 12",
  },
];
