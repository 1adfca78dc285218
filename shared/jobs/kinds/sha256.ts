/** `sha256`: the SHA-256 of a text, as hex. Input `{ "text": string }`. */

import { hexOf } from "../../hex";
import { objectAt, stringAt } from "./input";
import type { JobKind } from "./job-kind";

/** Longest text accepted, in characters (the job input limit bounds it as well). */
export const SHA256_MAX_TEXT = 200_000;

export const sha256Kind: JobKind<{ text: string }, { sha256: string; bytes: number }> = {
  name: "sha256",
  description: "SHA-256 of input.text (UTF-8), hex encoded",
  parse(raw) {
    const input = objectAt(raw, "input");
    return { text: stringAt(input.text, "input.text", SHA256_MAX_TEXT) };
  },
  async run({ text }) {
    const bytes = new TextEncoder().encode(text);
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    return { sha256: hexOf(digest), bytes: bytes.byteLength };
  },
};
