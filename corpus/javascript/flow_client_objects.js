// An axios instance held in a variable whose name says nothing: `axios.create()` made it.
const axios = require("axios");
const Redis = require("ioredis");

const gh = axios.create({ timeout: 5000 });
const store = new Redis();

app.get("/proxy", async (req, res) => {
  // ruleid: js.ssrf
  const r = await gh.get(req.query.url);
  // ok: js.ssrf
  const s = await gh.get(`https://api.github.com/users/${encodeURIComponent(req.query.user)}`);
  // ok: js.ssrf
  const cached = await store.get(req.query.url);
  res.json({ r: r.data, s: s.data, cached });
});
