/**
 * XML text built from a small element tree, escaped on the way out: `&`, `<`, `>`, `"` and
 * `'` become entities, and characters XML 1.0 cannot carry at all (controls other than
 * tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF) become the
 * replacement character — S3 itself answers such keys only with `encoding-type=url`,
 * which every listing client asks for.
 */

/** An element: a name and either text or child elements (absent children are skipped). */
export interface XmlElement {
  name: string;
  content: string | readonly (XmlElement | null)[];
  namespace?: string;
}

/** The S3 API's XML namespace. */
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

/** A whole document with the XML declaration; `namespace` goes on the root. */
export function xmlDocument(root: XmlElement, namespace?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render({ ...root, ...(namespace && { namespace }) })}`;
}

function render(element: XmlElement): string {
  const ns = element.namespace ? ` xmlns="${escapeXml(element.namespace)}"` : "";
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
};

/** `text` as XML character data. */
export function escapeXml(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = text[i] as string;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += c + text[++i];
        continue;
      }
      out += "\ufffd";
    } else if ((code >= 0xdc00 && code <= 0xdfff) || !allowedInXml(code)) out += "\ufffd";
    else out += ESCAPES[c] ?? c;
  }
  return out;
}

/** Whether XML 1.0 can carry the BMP code unit `code` (surrogates handled by the caller). */
function allowedInXml(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}
