// A service keeps subscriptions in a Map it creates in its constructor and fills in another
// method: what the request registered is what a later method fetches.
const express = require("express");

class WebhookService {
  constructor() {
    this.subscriptions = new Map();
    this.endpoints = new Map([["status", "https://status.example.com/hook"]]);
  }
  register(id, callbackUrl) {
    this.subscriptions.set(id, { callbackUrl, created: Date.now() });
  }
  async notify(id, payload) {
    const sub = this.subscriptions.get(id);
    // ruleid: js.ssrf
    return fetch(sub.callbackUrl, { method: "POST", body: JSON.stringify(payload) });
  }
  async ping(name) {
    // ok: js.ssrf
    return fetch(this.endpoints.get(name), { method: "POST" });
  }
}

const hooks = new WebhookService();
const app = express();
app.use(express.json());

app.post("/webhooks", async (req, res) => {
  hooks.register(req.body.id, req.body.callback);
  await hooks.notify(req.body.id, { hello: true });
  await hooks.ping("status");
  res.sendStatus(204);
});
