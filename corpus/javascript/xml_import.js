// XML product feed import.
const libxmljs = require("libxmljs2");
const { XMLParser } = require("fast-xml-parser");

function importFeed(req, res) {
  // ruleid: js.libxmljs-noent
  const doc = libxmljs.parseXml(req.body.toString(), { noent: true, nonet: true });
  const items = doc.find("//item").map((n) => n.get("sku").text());
  res.json({ items });
}

async function importFeedAsync(xml) {
  // ruleid: js.libxmljs-noent
  return libxmljs.parseXmlAsync(xml, { noblanks: true, "noent": true });
}

function importFeedSafe(xml) {
  // ok: js.libxmljs-noent
  return libxmljs.parseXml(xml, { noblanks: true });
}

// ok: js.libxmljs-noent
const explicitOff = libxmljs.parseXmlString("<a/>", { noent: false });

// ok: js.libxmljs-noent
const parsed = new XMLParser({ processEntities: true }).parse("<feed/>");

module.exports = { importFeed, importFeedAsync, importFeedSafe };
