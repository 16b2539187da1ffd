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
