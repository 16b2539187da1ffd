// An allow-list check of a parsed URL's host vouches for the URL; a check of its protocol does not.
const axios = require("axios");

const TRUSTED = new Set(["api.github.com", "gitlab.com"]);

app.post("/avatar", async (req, res) => {
  const parsed = new URL(req.body.avatarUrl);
  if (!TRUSTED.has(parsed.hostname)) {
    return res.status(400).end();
  }
  // ok: js.ssrf
  const r = await axios.get(parsed.toString());
  res.json({ size: r.data.length });
});

app.post("/avatar-host", async (req, res) => {
  const url = req.body.avatarUrl;
  const host = new URL(url).hostname;
  if (!TRUSTED.has(host)) return res.status(400).end();
  // ok: js.ssrf
  const r = await fetch(url);
  res.json({ status: r.status });
});

app.post("/avatar-protocol", async (req, res) => {
  const url = req.body.avatarUrl;
  const protocol = new URL(url).protocol;
  if (!["http:", "https:"].includes(protocol)) return res.status(400).end();
  // ruleid: js.ssrf
  const r = await fetch(url);
  res.json({ status: r.status });
});
