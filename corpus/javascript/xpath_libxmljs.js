// libxmljs documents and elements run XPath with find() / get(); a value written into the
// expression changes it, one passed as a variable (or a number) does not.
const fastify = require("fastify")();
const fs = require("fs");
const libxmljs = require("libxmljs");

const catalog = libxmljs.parseXml(fs.readFileSync("catalog.xml", "utf8"));
const routes = new Map([["/products", "list"]]);

function lookup(sku) {
  return new Promise((resolve) => {
    setImmediate(() => {
      // ruleid: js.xpath-injection
      resolve(catalog.find(`//product[@sku='${sku}']`));
    });
  });
}

fastify.get("/products/:sku", async (request) => {
  const products = await lookup(request.params.sku);
  // ok: js.xpath-injection
  const price = catalog.get(`//product[@id=${Number(request.query.id)}]/price`);
  // ok: js.xpath-injection
  const handler = routes.get(`/products/${request.params.sku}`);
  return { products: products.length, price: price?.text(), handler };
});

fastify.post("/search", async (request) => {
  const doc = libxmljs.parseXmlString(request.body.xml, { noent: false });
  // ruleid: js.xpath-injection
  const hits = doc.get(`//entry[title='${request.body.title}']`);
  // ok: js.xpath-injection
  const first = doc.get("//entry[1]");
  return { hit: Boolean(hits), first: Boolean(first) };
});

fastify.listen({ port: 3000 });
