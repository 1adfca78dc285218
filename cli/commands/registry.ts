/** Every `edgeos` subcommand, in the order `edgeos --help` lists them. */
import type { Command } from "../command";
import { dhtCommand } from "./dht";
import { fsCommand } from "./fs";
import { groupCommand } from "./group";
import { jobCommand } from "./job";
import { kvCommand } from "./kv";
import { leaseCommand } from "./lease";
import { placeCommand } from "./place";
import { ringCommand } from "./ring";
import { statusCommand } from "./status";
import { volumeCommand } from "./volume";

export const COMMANDS: readonly Command[] = [
  statusCommand,
  kvCommand,
  leaseCommand,
  groupCommand,
  placeCommand,
  jobCommand,
  ringCommand,
  dhtCommand,
  volumeCommand,
  fsCommand,
];
