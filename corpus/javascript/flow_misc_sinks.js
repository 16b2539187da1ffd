// Less common ways request data reaches code, the network, SQL identifiers and redirects: a
// worker given source text, a headless browser, axios's per-request base URL, Koa's Location
// header and path; next to their safe twins.
const { Worker } = require("worker_threads");
const axios = require("axios");
const fs = require("fs/promises");
const mysql = require("mysql");
const path = require("path");
const puppeteer = require("puppeteer");

const pool = mysql.createPool({ host: "db" });
const REPORTS = path.join(__dirname, "reports");

app.post("/transform", (req, res) => {
  // ruleid: js.eval-dynamic
  const inline = new Worker(req.body.source, { eval: true });
  // ok: js.eval-dynamic
  const file = new Worker("./transform-worker.js", { workerData: req.body.input });
  res.json({ started: [inline.threadId, file.threadId] });
});

app.post("/render-pdf", async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  // ruleid: js.ssrf
  await page.goto(req.body.pageUrl, { waitUntil: "networkidle0" });
  // ok: js.ssrf
  await page.goto("https://app.example.com/print/" + encodeURIComponent(req.body.id));
  res.send(await page.pdf());
});

app.post("/status", async (req, res) => {
  // ruleid: js.ssrf
  const upstream = await axios.get("/v1/status", { baseURL: req.body.apiBase });
  // ok: js.ssrf
  const own = await axios.get("/v1/status", { baseURL: "https://api.example.com" });
  res.json([upstream.data, own.data]);
});

app.get("/orders", (req, res) => {
  const column = mysql.escapeId(String(req.query.sort));
  // ok: js.sql-injection-query
  pool.query(`SELECT * FROM orders ORDER BY ${column}`, (err, rows) => res.json(rows));
});

router.get("/go", async (ctx) => {
  const dest = ctx.query.to;
  ctx.status = 302;
  // ruleid: js.open-redirect
  ctx.set("Location", dest);
});

router.get("/reports/(.*)", async (ctx) => {
  const rel = path.normalize(decodeURIComponent(ctx.path));
  // ruleid: js.path-traversal-request
  ctx.body = await fs.readFile(REPORTS + rel);
});

app.post("/export", (req, res) => {
  const opts = {
    url: "https://app.example.com/pages/" + req.body.pageId,
    out: `/tmp/export-${Number(req.user.id)}.pdf`,
    name: req.body.fileName,
  };
  // ok: js.path-traversal-request
  res.download(opts.out);
  // ruleid: js.path-traversal-request
  res.download(path.join(REPORTS, opts.name));
});

const previews = {
  fetch(url) {
    // ruleid: js.ssrf
    return axios.get(url);
  },
  probe: (url) => {
    // ruleid: js.ssrf
    return axios.head(url);
  },
  own() {
    // ok: js.ssrf
    return axios.get("https://status.example.com/health");
  },
};

app.get("/preview", async (req, res) => {
  const page = await previews.fetch(req.query.url);
  const head = await previews.probe(req.query.url);
  const status = await previews.own();
  res.json([page.data, head.status, status.data]);
});
