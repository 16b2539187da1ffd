// Koa answers a string body starting with "<" as text/html; `ctx.throw` ends the request.
const Koa = require("koa");
const Router = require("@koa/router");
const escapeHtml = require("escape-html");
const fs = require("fs/promises");
const path = require("path");

const app = new Koa();
const router = new Router();
const PUBLIC = path.resolve(__dirname, "public");

router.get("/hello", async (ctx) => {
  // ruleid: js.xss-response
  ctx.body = `<p>Hello ${ctx.query.name}</p>`;
});

router.get("/hello-escaped", async (ctx) => {
  // ok: js.xss-response
  ctx.body = `<p>Hello ${escapeHtml(ctx.query.name)}</p>`;
});

router.get("/hello-text", async (ctx) => {
  // ok: js.xss-response
  ctx.body = `Hello ${ctx.query.name}`;
});

router.get("/hello-json", async (ctx) => {
  // ok: js.xss-response
  ctx.body = { greeting: ctx.query.name };
});

router.get("/tag/:tag", async (ctx) => {
  const heading = "<h1>Posts tagged " + ctx.params.tag + "</h1>";
  const page = heading;
  // ruleid: js.xss-response
  ctx.response.body = page;
});

router.post("/preview", async (ctx) => {
  const { markdown } = ctx.request.body;
  // ruleid: js.xss-response
  ctx.body = "<article>" + markdown + "</article>";
});

router.get("/files/:name", async (ctx) => {
  const file = path.resolve(PUBLIC, ctx.params.name);
  if (!file.startsWith(PUBLIC + path.sep)) ctx.throw(400, "bad path");
  // ok: js.path-traversal-request
  ctx.body = await fs.readFile(file);
});

router.get("/raw/:name", async (ctx) => {
  // ruleid: js.path-traversal-request
  ctx.body = await fs.readFile(path.join(PUBLIC, ctx.params.name));
});

app.use(router.routes());
