/**
 * `wordcount`: word frequencies of a text. Input `{ "text": string, "top"?: n }`; words are
 * maximal runs of letters, digits and apostrophes, case-folded. Output the total, the
 * number of distinct words and the `top` most frequent (ties broken alphabetically).
 */

import { numberAt, objectAt, stringAt } from "./input";
import type { JobKind } from "./job-kind";

/** Longest text accepted, in characters. */
export const WORDCOUNT_MAX_TEXT = 200_000;
/** Most frequent words returned when `top` is absent, and the largest `top` accepted. */
export const WORDCOUNT_DEFAULT_TOP = 10;
export const WORDCOUNT_MAX_TOP = 1000;

interface WordcountInput {
  text: string;
  top: number;
}

interface WordcountOutput {
  words: number;
  distinct: number;
  top: [string, number][];
}

export const wordcountKind: JobKind<WordcountInput, WordcountOutput> = {
  name: "wordcount",
  description: "word frequencies of input.text; input.top most frequent words (default 10)",
  parse(raw) {
    const input = objectAt(raw, "input");
    return {
      text: stringAt(input.text, "input.text", WORDCOUNT_MAX_TEXT),
      top: numberAt(input.top, "input.top", {
        min: 1,
        max: WORDCOUNT_MAX_TOP,
        integer: true,
        fallback: WORDCOUNT_DEFAULT_TOP,
      }),
    };
  },
  async run({ text, top }) {
    const counts = new Map<string, number>();
    let words = 0;
    for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}']+/gu)) {
      const word = match[0].replace(/^'+|'+$/g, "");
      if (!word) continue;
      words++;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { words, distinct: counts.size, top: ranked.slice(0, top) };
  },
};
