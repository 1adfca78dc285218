/**
 * XML text built from a small element tree, escaped on the way out. Character data is
 * written so that any XML 1.0 parser reads back exactly the string given:
 *
 * - `&`, `<`, `>`, `"` and `'` become the five predefined entities;
 * - a carriage return becomes `&#13;`, because a parser turns a literal CR (and CR LF) into
 *   LF — the S3 user guide's "XML related object key constraints" asks for the same;
 * - characters XML 1.0 cannot carry at all, even as references (controls other than tab,
 *   LF and CR; lone surrogates; U+FFFE and U+FFFF), become U+FFFD, the replacement
 *   character. S3 lists such keys faithfully only under `encoding-type=url`, which
 *   botocore (so the AWS CLI and boto3) and rclone always ask for; a client that does not
 *   ask gets a readable document with U+FFFD in place of each, never an unparsable one.
 *
 * Element names are the API's own constants and are written as given.
 */

/** An element: a name and either text or child elements (null children are skipped). */
export interface XmlElement {
  name: string;
  content: string | readonly (XmlElement | null)[];
  /** The default namespace declared on this element (`xmlns="…"`). */
  namespace?: string;
}

/** The S3 API's XML namespace, which every S3 answer but the error body declares. */
export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** An element of `name` holding `content` (text, a number, a boolean, or child elements). */
export function el(
  name: string,
  content: string | number | boolean | readonly (XmlElement | null)[],
): XmlElement {
  return {
    name,
    content:
      typeof content === "number" || typeof content === "boolean" ? String(content) : content,
  };
}

/**
 * A whole document: the XML declaration, a newline, then `root` (declaring `namespace`
 * when given): `<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="…">…</Root>`.
 */
export function xmlDocument(root: XmlElement, namespace?: string): string {
  const top = namespace === undefined ? root : { ...root, namespace };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(top)}`;
}

function render(element: XmlElement): string {
  const ns = element.namespace === undefined ? "" : ` xmlns="${escapeXml(element.namespace)}"`;
  const inner =
    typeof element.content === "string"
      ? escapeXml(element.content)
      : element.content
          .filter((child): child is XmlElement => child !== null)
          .map(render)
          .join("");
  return `<${element.name}${ns}>${inner}</${element.name}>`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

/** Whether `codePoint` is a `Char` of XML 1.0 (§2.2), the only ones a document may hold. */
export function isXmlChar(codePoint: number): boolean {
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return false;
  return codePoint !== 0xfffe && codePoint !== 0xffff && codePoint <= 0x10ffff;
}

/** `text` as XML character data (or an attribute value) that parses back to `text`. */
export function escapeXml(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i) as number;
    const wide = codePoint > 0xffff;
    const c = text[i] as string;
    const replacement = ESCAPES[c] ?? (isXmlChar(codePoint) ? undefined : "\ufffd");
    if (replacement !== undefined) {
      out += text.slice(from, i) + replacement;
      from = i + 1;
    }
    if (wide) i++;
  }
  return from === 0 ? text : out + text.slice(from);
}
