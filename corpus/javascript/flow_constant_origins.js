// A constant origin followed by a path fixes the host; followed directly by input it does not.
const axios = require("axios");

const API = "https://api.example.com";
const STATUS = process.env.STATUS_URL;

app.get("/users/:id", async (req, res) => {
  // ok: js.ssrf
  const a = await axios.get(`${API}/users/${req.params.id}`);
  // ok: js.ssrf
  const b = await axios.get(API + "/teams/" + req.query.team);
  // ruleid: js.ssrf
  const c = await axios.get(`${API}${req.query.path}`);
  // ruleid: js.ssrf
  const d = await axios.get(`${req.query.base}/users/${req.params.id}`);
  res.json([a.data, b.data, c.data, d.data, STATUS]);
});

const https = require("https");
const got = require("got");

app.get("/repos/:name", (req, res) => {
  const options = { hostname: "api.github.com", path: "/repos/acme/" + req.params.name };
  // ok: js.ssrf
  https.get(options, (upstream) => upstream.pipe(res));
});

app.get("/relay", (req, res) => {
  const options = { hostname: req.query.host, path: "/status" };
  // ruleid: js.ssrf
  https.get(options, (upstream) => upstream.pipe(res));
});

app.get("/image", (req, res) => {
  const target = req.query.src;
  // ruleid: js.ssrf
  got.stream(target).pipe(res);
});

app.get("/preview", async (req, res) => {
  const link = String(req.query.link);
  if (!link.startsWith("http")) return res.sendStatus(400);
  // ruleid: js.ssrf
  const page = await axios.get(link);
  res.send(page.data);
});

app.get("/members/:id", async (req, res) => {
  // ok: js.ssrf
  const member = await fetch(new URL("/v1/members/" + encodeURIComponent(req.params.id), API));
  // ruleid: js.ssrf
  const other = await fetch(new URL(req.params.id, API));
  // ruleid: js.ssrf
  const moved = await fetch(new URL("/v1/members", req.query.base));
  res.json([await member.json(), await other.json(), await moved.json()]);
});

const BILLING_URL = process.env.BILLING_URL ?? "http://billing.internal";

app.get("/invoices/:id", async (req, res) => {
  // ok: js.ssrf
  const invoice = await axios.get(`${BILLING_URL}/invoices/${encodeURIComponent(req.params.id)}`);
  // ruleid: js.ssrf
  const anywhere = await axios.get(`${BILLING_URL}${req.query.path}`);
  res.json([invoice.data, anywhere.data]);
});
