/**
 * The XML writer: escaping of XML's special characters, CR kept as a reference, characters
 * XML 1.0 cannot carry replaced, and whatever it writes read back exactly by the reader
 * (property tests over arbitrary unicode, lone surrogates included).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readXml } from "../../../shared/s3/xml-reader";
import { el, escapeXml, isXmlChar, S3_XMLNS, xmlDocument } from "../../../shared/s3/xml-writer";

/** Any UTF-16 string: astral characters, controls and lone surrogates alike. */
const anyText = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);

/** `text` as the writer promises to deliver it: each non-XML character as U+FFFD. */
function carried(text: string): string {
  let out = "";
  for (const c of text) out += isXmlChar(c.codePointAt(0) as number) ? c : "\ufffd";
  return out;
}

describe("escapeXml", () => {
  it("escapes the five special characters", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(escapeXml("&amp;")).toBe("&amp;amp;");
  });

  it("writes a carriage return as a reference, and tab and LF as they are", () => {
    expect(escapeXml("a\rb\r\nc\td\ne")).toBe("a&#13;b&#13;\nc\td\ne");
  });

  it("replaces what XML 1.0 cannot carry with U+FFFD", () => {
    expect(escapeXml("a\u0000b\u0001c\u001fd\u000be\u000cf")).toBe(
      "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf",
    );
    expect(escapeXml("\ufffe\uffff")).toBe("\ufffd\ufffd");
    expect(escapeXml("lone \ud800 high, lone \udc00 low")).toBe(
      "lone \ufffd high, lone \ufffd low",
    );
  });

  it("keeps what XML can carry, astral characters and U+FFFD itself included", () => {
    const text = "héllo 한글 😀 \u0085 \u00a0 \ufffd \ud7ff \ue000 \ufffd";
    expect(escapeXml(text)).toBe(text);
  });

  it("returns plain text unchanged", () => {
    expect(escapeXml("plain/key-1.txt")).toBe("plain/key-1.txt");
    expect(escapeXml("")).toBe("");
  });
});

describe("isXmlChar", () => {
  it("is XML 1.0's Char production at each of its bounds", () => {
    const yes = [0x09, 0x0a, 0x0d, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff];
    const no = [0x00, 0x08, 0x0b, 0x0c, 0x0e, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000];
    for (const c of yes) expect(isXmlChar(c), c.toString(16)).toBe(true);
    for (const c of no) expect(isXmlChar(c), c.toString(16)).toBe(false);
  });
});

describe("xmlDocument and el", () => {
  it("writes the declaration, the namespace on the root only, and skips null children", () => {
    const xml = xmlDocument(
      el("Root", [el("A", "x"), null, el("B", [el("C", 3), el("D", true)])]),
      S3_XMLNS,
    );
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="${S3_XMLNS}"><A>x</A><B><C>3</C><D>true</D></B></Root>`,
    );
  });

  it("writes no namespace when none is given, and empty elements as open/close pairs", () => {
    expect(xmlDocument(el("Error", [el("Resource", "")]))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Resource></Resource></Error>',
    );
  });

  it("round-trips any unicode text through the reader", () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const root = readXml(xmlDocument(el("R", [el("A", a), el("B", [el("C", b)])]), S3_XMLNS));
        expect(root.children[0]?.text).toBe(carried(a));
        expect(root.children[1]?.children[0]?.text).toBe(carried(b));
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips text heavy with markup, line ends and references", () => {
    const pieces = fc.constantFrom(
      "&",
      "<",
      ">",
      '"',
      "'",
      "\r",
      "\n",
      "\r\n",
      "]]>",
      "&#13;",
      "a",
      "😀",
      "\u0001",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(readXml(xmlDocument(el("K", text))).text).toBe(carried(text));
      }),
      { numRuns: 500 },
    );
  });
});
