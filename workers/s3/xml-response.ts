/** An S3 XML answer. */

/** `xml` as a 200 (or `status`) response of type `application/xml`. */
export function xmlResponse(xml: string, status = 200, headers: HeadersInit = {}): Response {
  const all = new Headers(headers);
  all.set("content-type", "application/xml");
  return new Response(xml, { status, headers: all });
}
