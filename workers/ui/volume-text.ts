/** A volume's counts as the overview and the volume page say them. */
import { count } from "./units";

/** The dedup ratio as people read it: logical bytes per stored byte. */
export function dedupText(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** Chunks short of copies, said as a problem when there are any. */
export function underReplicatedText(n: number): string {
  return n === 0 ? "none" : `${count(n, "chunk")} short of copies`;
}
