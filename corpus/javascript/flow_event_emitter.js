// Request data emitted on an event bus reaches the listeners of that event; other events'
// listeners get only what is emitted with them.
const express = require("express");
const { EventEmitter } = require("node:events");
const { execFile } = require("node:child_process");
const axios = require("axios");

const bus = new EventEmitter();
const app = express();
app.use(express.json());

bus.on("feed.subscribe", async ({ feedUrl }) => {
  // ruleid: js.ssrf
  const response = await axios.get(feedUrl, { timeout: 5000 });
  console.log(response.status);
});

bus.once("feed.refresh", async (job) => {
  // ok: js.ssrf
  await axios.get(`https://feeds.example.com/refresh/${Number(job.id)}`);
});

bus.addListener("archive", (name) => {
  // ruleid: js.exec-command-interpolation
  execFile("sh", ["-c", `tar czf /backups/${name}.tgz /srv/data`]);
});

bus.on("heartbeat", (tick) => {
  // ok: js.exec-command-interpolation
  execFile("sh", ["-c", `echo ${tick} >> /var/log/heartbeat`]);
});

app.post("/feeds", (req, res) => {
  bus.emit("feed.subscribe", { feedUrl: req.body.url });
  bus.emit("feed.refresh", { id: 7 });
  bus.emit("archive", req.body.name);
  res.status(202).end();
});

setInterval(() => bus.emit("heartbeat", Date.now()), 1000);

app.listen(3000);
