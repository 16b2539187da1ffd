// Notification clients kept in objects: the request's values live in `this.<field>`.
const axios = require("axios");
const express = require("express");

const app = express();

class Notifier {
  constructor(endpoint) {
    this.endpoint = endpoint;
    this.base = "https://notify.example.com/api/";
  }

  send(text) {
    // ruleid: js.ssrf
    return axios.post(this.endpoint, { text });
  }

  status(id) {
    // ok: js.ssrf
    return axios.get(this.base + "status/" + id);
  }
}

app.post("/notify", async (req, res) => {
  const notifier = new Notifier(req.body.endpoint);
  await notifier.send("hello");
  await notifier.status(req.body.id);
  res.sendStatus(204);
});

app.post("/notify-fixed", async (req, res) => {
  const fixed = new Notifier("https://hooks.example.com/notify");
  await fixed.send(req.body.text);
  res.sendStatus(204);
});
