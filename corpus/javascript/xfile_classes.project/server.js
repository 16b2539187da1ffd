import express from "express";
import { sendDownload } from "./lib/index.js";
import { Mailer } from "./lib/mailer.js";

const app = express();

app.get("/download", (req, res) => {
  // ruleid: js.path-traversal-request
  sendDownload(res, req.query.name);
});

app.get("/terms", (req, res) => {
  // ok: js.path-traversal-request
  sendDownload(res, "terms.pdf");
});

app.post("/notify", (req, res) => {
  const mailer = new Mailer();
  // ruleid: js.exec-command-interpolation
  mailer.deliver(req.body.address);
  // ok: js.exec-command-interpolation
  mailer.deliver("ops@example.com");
  res.end();
});
