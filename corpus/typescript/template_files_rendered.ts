import { Hono } from "hono";
import ejs from "ejs";
import pug from "pug";
import path from "node:path";

const app = new Hono();
const VIEWS = path.join(process.cwd(), "views");

app.post("/quotes/preview", async (c) => {
  const form = await c.req.parseBody();
  const html = await ejs.renderFile(path.join(VIEWS, "quote.ejs"), { customer: form.customer });
  // ok: js.xss-response
  return c.html(html);
});

app.get("/badges", (c) => {
  const html = pug.renderFile(path.join(VIEWS, "badge.pug"), { name: c.req.query("name") });
  // ok: js.xss-response
  return c.html(html);
});

app.get("/quotes/title", (c) => {
  const title = c.req.query("title") ?? "";
  // ruleid: js.xss-response
  return c.html(`<h1>${title}</h1>`);
});

app.get("/quotes/inline", (c) => {
  // ruleid: js.xss-response
  const html = ejs.render("<p><%- note %></p>", { note: c.req.query("note") });
  return c.html(html);
});

export default app;
