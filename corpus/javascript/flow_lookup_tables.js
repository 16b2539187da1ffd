// Partner callbacks and landing pages picked from tables the server fixes.
const express = require("express");
const axios = require("axios");

const app = express();
const PARTNERS = new Map([
  ["acme", "https://hooks.acme.example/notify"],
  ["globex", "https://globex.example/api/notify"],
]);
const LANDING = { docs: "/docs", pricing: "/pricing" };

app.post("/notify", async (req, res) => {
  const partner = req.body.partner;
  // ok: js.ssrf
  await axios.post(PARTNERS.get(partner), { event: "ping" });
  res.sendStatus(204);
});

app.post("/notify-custom", async (req, res) => {
  const hooks = new Map([["custom", req.body.url]]);
  // ruleid: js.ssrf
  await axios.post(hooks.get("custom"), { event: "ping" });
  res.sendStatus(204);
});

app.get("/go", (req, res) => {
  // ok: js.open-redirect
  res.redirect(LANDING[req.query.page]);
});

app.get("/go-anywhere", (req, res) => {
  // ruleid: js.open-redirect
  res.redirect(req.query.page);
});

app.post("/notify-direct", async (req, res) => {
  // ruleid: js.ssrf
  await axios.post(req.body.url, { event: "ping" });
  res.sendStatus(204);
});
