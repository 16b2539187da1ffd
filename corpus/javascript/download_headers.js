// Export endpoints naming the file the browser saves.
const express = require("express");
const contentDisposition = require("content-disposition");

const app = express();

app.get("/export", (req, res) => {
  const name = req.query.name || "report";
  // ruleid: js.content-disposition-injection
  res.setHeader("Content-Disposition", `attachment; filename="${name}.csv"`);
  res.send("id,total\n");
});

app.get("/export-quoted", (req, res) => {
  // ok: js.content-disposition-injection
  res.setHeader("Content-Disposition", contentDisposition(`${req.query.name}.csv`));
  res.send("id,total\n");
});

app.get("/export-encoded", (req, res) => {
  const name = encodeURIComponent(String(req.query.name));
  // ok: js.content-disposition-injection
  res.set("Content-Disposition", "attachment; filename*=UTF-8''" + name + ".csv");
  res.send("id,total\n");
});

app.get("/export-attachment", (req, res) => {
  // ok: js.content-disposition-injection
  res.attachment(`${req.query.name}.csv`);
  res.send("id,total\n");
});

app.get("/export-cleaned", (req, res) => {
  const name = String(req.query.name).replace(/[^\w.-]/g, "_");
  // ok: js.content-disposition-injection
  res.set("Content-Disposition", `attachment; filename="${name}.csv"`);
  res.send("id,total\n");
});

app.get("/export-header", (req, res) => {
  // ruleid: js.content-disposition-injection
  res.header("content-disposition", "inline; filename=" + req.params.file);
  // ok: js.content-disposition-injection
  res.header("Content-Type", "text/csv");
  res.send("id,total\n");
});
