// An HTTP client kept in a field of a class of this file, and the other verbs of a client.
const axios = require("axios");

class WebhookTester {
  constructor(client) {
    this.client = client;
  }

  async test(endpoint, body) {
    // ruleid: js.ssrf
    return this.client.post(endpoint, body);
  }

  async ping(body) {
    // ok: js.ssrf
    return this.client.post("https://hooks.example.com/ping", body);
  }
}

const tester = new WebhookTester(axios.create({ timeout: 3000 }));

app.post("/hooks/test", async (req, res) => {
  const r = await tester.test(req.body.endpoint, { ping: true });
  await tester.ping({ from: req.body.endpoint });
  res.json({ status: r.status });
});

app.delete("/mirror", async (req, res) => {
  // ruleid: js.ssrf
  await axios.delete(req.query.target);
  // ok: js.ssrf
  await axios.delete(`/api/mirrors/${encodeURIComponent(req.query.target)}`);
  res.sendStatus(204);
});
