/**
 * A small, safe XML reader for S3 request bodies (CompleteMultipartUpload, Delete,
 * CreateBucketConfiguration). It reads elements, attributes (checked, then dropped), text,
 * CDATA and comments, and refuses a DOCTYPE, any entity but the five predefined ones and
 * numeric character references, and any processing instruction but the XML declaration —
 * so no entity is ever expanded, internal or external, and a "billion laughs" body is
 * refused at its first `<!`. Characters XML 1.0 does not allow, raw or as references, are
 * refused; line ends are normalized to LF as XML §2.11 says (a CR survives only as `&#13;`).
 * Input is bounded by `MAX_XML_REQUEST_BYTES` and nesting by `MAX_XML_DEPTH`. Anything
 * malformed is S3's `MalformedXML`. Element names are read without their namespace prefix,
 * and `xmlns` declarations are not checked, so a body reads the same with or without S3's
 * namespace (SDKs send it; hand-written bodies often do not).
 */
import { S3Error } from "./s3-errors";
import { isXmlChar } from "./xml-writer";

/**
 * Largest XML request body read, in bytes (and so at most this many UTF-16 code units of
 * text, which `readXml` bounds too). The largest body S3 defines is a DeleteObjects of
 * 1,000 keys of up to 1,024 UTF-8 bytes each: about 1 MiB of keys and 40 KiB of markup.
 * Twice that leaves room for keys heavy with escaped characters; a body beyond it is
 * refused before any of it is parsed.
 */
export const MAX_XML_REQUEST_BYTES = 2 * 1024 * 1024;

/** Deepest element nesting read; S3's request bodies nest three deep. */
export const MAX_XML_DEPTH = 16;

/** Longest element or attribute name read (S3's are short words). */
const MAX_NAME_CHARS = 256;

/** An element as read: its local name, its child elements and its text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  /** The element's own character data and CDATA, concatenated (children's text excluded). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The root element of `text`; `MalformedXML` when it is not a well-formed, safe document. */
export function readXml(text: string): XmlNode {
  if (text.length > MAX_XML_REQUEST_BYTES) throw malformed("the document is too large");
  const reader = new Reader(text);
  reader.prolog();
  const root = reader.element(0);
  reader.misc();
  if (!reader.done()) throw malformed("content after the root element");
  return root;
}

/** The first child of `node` named `name`, or undefined. */
export function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((child) => child.name === name);
}

/** A cursor over one document; each method consumes what it names or throws. */
class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  /** A byte-order mark, the XML declaration, then whitespace and comments before the root. */
  prolog(): void {
    if (this.text.startsWith("\ufeff")) this.at = 1;
    if (/^<\?xml[ \t\r\n]/.test(this.text.slice(this.at, this.at + 6))) {
      const end = this.text.indexOf("?>", this.at);
      if (end === -1) throw malformed("an unterminated XML declaration");
      this.at = end + 2;
    }
    this.misc();
  }

  /** Whitespace and comments; refuses DOCTYPE and processing instructions. */
  misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith("<!--", this.at)) this.comment();
      else if (this.text.startsWith("<!", this.at))
        throw malformed("DOCTYPE and other declarations are refused");
      else if (this.text.startsWith("<?", this.at))
        throw malformed("processing instructions are refused");
      else return;
    }
  }

  /** One element and everything inside it, at nesting `depth` (the root is 0). */
  element(depth: number): XmlNode {
    if (depth >= MAX_XML_DEPTH) throw malformed("elements nest too deep");
    if (this.text[this.at] !== "<") throw malformed("an element was expected");
    this.at++;
    const name = this.name();
    this.attributes();
    const node: XmlNode = { name: localName(name), children: [], text: "" };
    if (this.text.startsWith("/>", this.at)) {
      this.at += 2;
      return node;
    }
    this.expect(">");
    for (;;) {
      if (this.done()) throw malformed(`<${name}> is not closed`);
      if (this.text.startsWith("</", this.at)) {
        this.at += 2;
        if (this.name() !== name) throw malformed(`</${name}> was expected`);
        this.skipSpace();
        this.expect(">");
        return node;
      }
      if (this.text.startsWith("<!--", this.at)) this.comment();
      else if (this.text.startsWith("<![CDATA[", this.at)) node.text += this.cdata();
      else if (this.text.startsWith("<!", this.at) || this.text.startsWith("<?", this.at)) {
        throw malformed("declarations and processing instructions are refused");
      } else if (this.text[this.at] === "<") node.children.push(this.element(depth + 1));
      else node.text += this.chars();
    }
  }

  private name(): string {
    const match = NAME.exec(this.text.slice(this.at, this.at + MAX_NAME_CHARS + 1));
    if (!match || match[0].length > MAX_NAME_CHARS) throw malformed("a name was expected");
    this.at += match[0].length;
    return match[0];
  }

  /** Attributes up to `>` or `/>`: well formed, each value's references valid, then dropped. */
  private attributes(): void {
    for (;;) {
      const before = this.at;
      this.skipSpace();
      const c = this.text[this.at];
      if (c === ">" || c === "/" || c === undefined) return;
      if (this.at === before) throw malformed("attributes are separated by whitespace");
      this.name();
      this.skipSpace();
      this.expect("=");
      this.skipSpace();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") throw malformed("an attribute value must be quoted");
      const end = this.text.indexOf(quote, this.at + 1);
      if (end === -1) throw malformed("an unterminated attribute value");
      const raw = this.text.slice(this.at + 1, end);
      if (raw.includes("<")) throw malformed("an attribute value holds a <");
      decodeText(raw);
      this.at = end + 1;
    }
  }

  private chars(): string {
    const end = this.text.indexOf("<", this.at);
    const raw = this.text.slice(this.at, end === -1 ? this.text.length : end);
    this.at += raw.length;
    if (raw.includes("]]>")) throw malformed("]]> outside a CDATA section");
    return decodeText(raw);
  }

  private cdata(): string {
    const start = this.at + "<![CDATA[".length;
    const end = this.text.indexOf("]]>", start);
    if (end === -1) throw malformed("an unterminated CDATA section");
    this.at = end + 3;
    return checkChars(normalizeLineEnds(this.text.slice(start, end)));
  }

  private comment(): void {
    const end = this.text.indexOf("-->", this.at + 4);
    if (end === -1) throw malformed("an unterminated comment");
    this.at = end + 3;
  }

  /** XML's whitespace: space, tab, CR, LF (and no other). */
  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.at];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") return;
      this.at++;
    }
  }

  private expect(text: string): void {
    if (!this.text.startsWith(text, this.at)) throw malformed(`"${text}" was expected`);
    this.at += text.length;
  }
}

/** Character data: line ends normalized, then the predefined and numeric references resolved. */
function decodeText(raw: string): string {
  const text = checkChars(normalizeLineEnds(raw));
  if (!text.includes("&")) return text;
  return text.replace(/&([^;&]{0,10});|&/g, (whole, body: string | undefined) => {
    if (body === undefined) throw malformed("a bare & in character data");
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!numeric) throw malformed(`the entity ${whole} is not one of XML's predefined five`);
    const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    if (!isXmlChar(code)) throw malformed(`${whole} is not a character XML allows`);
    return String.fromCodePoint(code);
  });
}

/** XML §2.11: CR LF and a lone CR both read as LF. */
function normalizeLineEnds(raw: string): string {
  return raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
}

/** `text` itself when every character is one XML allows; `MalformedXML` otherwise. */
function checkChars(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i) as number;
    if (!isXmlChar(codePoint)) throw malformed("a character XML does not allow");
    if (codePoint > 0xffff) i++;
  }
  return text;
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function malformed(why: string): S3Error {
  return new S3Error("MalformedXML", `The XML you provided was not well-formed: ${why}`);
}
