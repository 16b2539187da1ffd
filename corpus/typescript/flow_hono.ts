// Hono answers `c.html(...)` as text/html.
import { Hono } from "hono";
import { html, raw } from "hono/html";
import { getCookie } from "hono/cookie";

const app = new Hono();

app.get("/hello", (c) => {
  const name: string = c.req.query("name") ?? "";
  // ruleid: js.xss-response
  return c.html(`<h1>Hello ${name}</h1>`);
});

app.get("/hello-escaped", (c) => {
  const name: string = c.req.query("name") ?? "";
  // ok: js.xss-response
  return c.html(html`<h1>Hello ${name}</h1>`);
});

app.get("/hello-text", (c) => {
  const name: string = c.req.query("name") ?? "";
  // ok: js.xss-response
  return c.text(`Hello ${name}`);
});

app.get("/tag/:tag", (c) => {
  const heading = "<h2>" + c.req.param("tag") + "</h2>";
  // ruleid: js.xss-response
  return c.html(heading);
});

// Hono redirects through its context `c`.
app.get("/continue", (c) => {
  const to = c.req.query("to") ?? "/";
  // ruleid: js.open-redirect
  return c.redirect(to);
});

app.get("/continue-home", (c) => {
  const to = c.req.query("to") ?? "/";
  // ok: js.open-redirect
  return c.redirect(`/home?from=${encodeURIComponent(to)}`);
});

// `raw(..)` inserts its text into the escaping `html` template as markup; a cookie is the
// client's to set.
function flashOf(c: { req: unknown }): string {
  return getCookie(c as never, "flash") ?? "";
}

app.get("/settings", (c) => {
  const flash = flashOf(c);
  // ruleid: js.xss-response
  const notice = html`<div class="notice">${raw(flash)}</div>`;
  return c.html(html`${notice}<form method="post"></form>`);
});

app.get("/settings-plain", (c) => {
  const flash = flashOf(c);
  // ok: js.xss-response
  const notice = html`<div class="notice">${flash}${raw("<hr/>")}</div>`;
  return c.html(notice);
});

// A pattern that checks the scheme alone says nothing about the host.
app.get("/proxy", async (c) => {
  const source = c.req.query("src") ?? "";
  if (!/^https?:\/\//i.test(source)) return c.text("bad", 400);
  // ruleid: js.ssrf
  return fetch(source);
});

app.get("/proxy-cdn", async (c) => {
  const source = c.req.query("src") ?? "";
  if (!/^https:\/\/cdn\.example\.com\//.test(source)) return c.text("bad", 400);
  // ok: js.ssrf
  return fetch(source);
});
