// Records kept whole: an object literal keeps each field's value, in the function that builds
// it and in a module-level Map another route reads.
const express = require("express");
const axios = require("axios");
const crypto = require("crypto");

const app = express();
const webhooks = new Map();

app.post("/webhooks", express.json(), async (req, res) => {
  const hook = { id: crypto.randomUUID(), event: req.body.event, target: "https://hooks.example.com/in" };
  webhooks.set(hook.id, hook);
  // ok: js.ssrf
  await axios.post(hook.target, { hello: true });
  res.status(201).json({ id: hook.id });
});

app.post("/webhooks/fire", async (req, res) => {
  for (const [, hook] of webhooks) {
    // ok: js.ssrf
    await axios.post(hook.target, { event: hook.event });
  }
  const first = webhooks.get(req.query.id);
  // ruleid: js.ssrf
  await axios.post(first.event, {});
  res.sendStatus(202);
});
