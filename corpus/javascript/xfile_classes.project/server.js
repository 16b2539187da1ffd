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

// A controller handed its service where the app is put together: `this.mailer` is a Mailer.
class NotifyController {
  constructor(mailer) {
    this.mailer = mailer;
  }

  notify(req, res) {
    // ruleid: js.exec-command-interpolation
    this.mailer.deliver(req.query.to);
    // ok: js.exec-command-interpolation
    this.mailer.deliver("ops@example.com");
    res.end();
  }
}

const notifications = new NotifyController(new Mailer());
app.get("/notify", (req, res) => notifications.notify(req, res));
