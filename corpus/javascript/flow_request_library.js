// The `request` library's verbs and request-promise, given a URL from the caller or a fixed one.
const express = require("express");
const request = require("request");
const rp = require("request-promise-native");
const app = express();
app.use(express.json());

app.post("/avatar/from-url", (req, res) => {
  const pictureUrl = req.body.pictureUrl;
  // ruleid: js.ssrf
  request.get(pictureUrl).pipe(res);
});

app.post("/avatar/default", (req, res) => {
  // ok: js.ssrf
  request.get("https://static.example.org/avatars/default.png").pipe(res);
});

app.post("/hooks/test", async (req, res) => {
  // ruleid: js.ssrf
  const reply = await rp({ uri: req.body.hookUrl, method: "POST", json: { ping: true } });
  res.json(reply);
});

app.post("/hooks/status", async (req, res) => {
  // ok: js.ssrf
  const reply = await rp({ uri: "https://hooks.example.org/status", json: true });
  res.json({ reply, asked: req.body.hookUrl.length });
});
