/** Every `edgeos` subcommand, in the order `edgeos --help` lists them. */
import type { Command } from "../command";
import { statusCommand } from "./status";

export const COMMANDS: readonly Command[] = [statusCommand];
