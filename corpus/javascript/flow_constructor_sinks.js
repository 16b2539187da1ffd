// A sink inside a constructor, reached through `new`'s arguments.
const { exec } = require("child_process");
const express = require("express");

const app = express();

class ThumbnailJob {
  constructor(file) {
    this.file = file;
    // ruleid: js.exec-command-interpolation
    exec("convert " + file + " -resize 64x64 /srv/thumbs/out.png");
  }
}

class CleanupJob {
  constructor(days) {
    const age = Number.parseInt(days, 10);
    // ok: js.exec-command-interpolation
    exec("find /srv/tmp -mtime +" + age + " -delete");
  }
}

app.post("/thumbnail", (req, res) => {
  new ThumbnailJob(req.body.file);
  new CleanupJob(req.body.days);
  res.sendStatus(202);
});
