/** Every `edgeos` subcommand, in the order `edgeos --help` lists them. */
import type { Command } from "../command";
import { jobCommand } from "./job";
import { placeCommand } from "./place";
import { statusCommand } from "./status";

export const COMMANDS: readonly Command[] = [statusCommand, placeCommand, jobCommand];
