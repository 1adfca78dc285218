/**
 * A small, safe XML reader for S3 request bodies (CompleteMultipartUpload, Delete,
 * CreateBucketConfiguration). It reads elements, attributes (and ignores them), text,
 * CDATA and comments; it refuses a DOCTYPE, any entity but the five predefined ones and
 * numeric character references, and processing instructions other than the XML
 * declaration — so no entity expansion, external or internal, can ever happen. Input is
 * bounded by `MAX_XML_REQUEST_BYTES` and nesting by `MAX_XML_DEPTH`; anything malformed is
 * S3's `MalformedXML`. Element names are read without their namespace prefix.
 */
import { S3Error } from "./s3-errors";

/**
 * Largest XML request body read: a DeleteObjects of 1,000 keys of 1,024 bytes each, with
 * its markup, stays below it.
 */
export const MAX_XML_REQUEST_BYTES = 2 * 1024 * 1024;

/** Deepest element nesting read (S3's bodies nest three deep). */
export const MAX_XML_DEPTH = 16;

/** An element as read: its local name, its child elements and its text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  /** The element's own character data, concatenated (child elements' text excluded). */
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

class Reader {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  /** The XML declaration, comments and whitespace before the root. */
  prolog(): void {
    if (this.text.startsWith("\ufeff")) this.at = 1;
    if (this.text.startsWith("<?xml", this.at)) {
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
        throw malformed("DOCTYPE and declarations are refused");
      else if (this.text.startsWith("<?", this.at))
        throw malformed("processing instructions are refused");
      else return;
    }
  }

  element(depth: number): XmlNode {
    if (depth >= MAX_XML_DEPTH) throw malformed("elements nest too deep");
    if (this.text[this.at] !== "<") throw malformed("an element was expected");
    this.at++;
    const name = this.name();
    this.attributes();
    if (this.text.startsWith("/>", this.at)) {
      this.at += 2;
      return { name: localName(name), children: [], text: "" };
    }
    this.expect(">");
    const node: XmlNode = { name: localName(name), children: [], text: "" };
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
      else if (this.text.startsWith("<![CDATA[", this.at)) {
        const end = this.text.indexOf("]]>", this.at);
        if (end === -1) throw malformed("an unterminated CDATA section");
        node.text += this.text.slice(this.at + 9, end);
        this.at = end + 3;
      } else if (this.text.startsWith("<!", this.at) || this.text.startsWith("<?", this.at)) {
        throw malformed("declarations and processing instructions are refused");
      } else if (this.text[this.at] === "<") node.children.push(this.element(depth + 1));
      else node.text += this.chars();
    }
  }

  private name(): string {
    const match = NAME.exec(this.text.slice(this.at, this.at + 256));
    if (!match) throw malformed("a name was expected");
    this.at += match[0].length;
    return match[0];
  }

  private attributes(): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.at];
      if (c === ">" || c === "/" || c === undefined) return;
      this.name();
      this.skipSpace();
      this.expect("=");
      this.skipSpace();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") throw malformed("an attribute value must be quoted");
      const end = this.text.indexOf(quote, this.at + 1);
      if (end === -1) throw malformed("an unterminated attribute value");
      decodeEntities(this.text.slice(this.at + 1, end));
      this.at = end + 1;
    }
  }

  private chars(): string {
    const end = this.text.indexOf("<", this.at);
    const raw = this.text.slice(this.at, end === -1 ? this.text.length : end);
    this.at += raw.length;
    return decodeEntities(raw);
  }

  private comment(): void {
    const end = this.text.indexOf("-->", this.at + 4);
    if (end === -1) throw malformed("an unterminated comment");
    this.at = end + 3;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? "")) this.at++;
  }

  private expect(text: string): void {
    if (!this.text.startsWith(text, this.at)) throw malformed(`"${text}" was expected`);
    this.at += text.length;
  }
}

/** Character data with its references resolved; only predefined and numeric ones exist. */
function decodeEntities(raw: string): string {
  return raw.replace(/&([^;]{0,10});|&/g, (whole, body: string | undefined) => {
    if (body === undefined) throw malformed("a bare & in character data");
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!numeric) throw malformed(`the entity ${whole} is not predefined`);
    const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    if (code > 0x10ffff || code === 0) throw malformed(`${whole} is not a character`);
    return String.fromCodePoint(code);
  });
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function malformed(why: string): S3Error {
  return new S3Error("MalformedXML", `The XML you provided was not well-formed: ${why}`);
}
