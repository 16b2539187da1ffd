// Checks of validation packages that leave only a UUID, digits or letters, however they were
// imported: `uuid`'s `validate` renamed, `validator`'s `isUUID` / `isInt` / `isAlphanumeric`.
const express = require("express");
const fs = require("fs");
const path = require("path");
const { validate: isUuid } = require("uuid");
const validator = require("validator");

const app = express();
const INVOICES = path.join(__dirname, "invoices");

app.get("/invoices/:id", (req, res) => {
  const { id } = req.params;
  if (!isUuid(id)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  fs.createReadStream(`${INVOICES}/${id}.pdf`).pipe(res);
});

app.get("/invoices/unchecked/:id", (req, res) => {
  const { id } = req.params;
  // ruleid: js.path-traversal-request
  fs.createReadStream(`${INVOICES}/${id}.pdf`).pipe(res);
});

app.get("/pages/:n", (req, res) => {
  if (!validator.isInt(req.params.n)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(`${__dirname}/pages/${req.params.n}.html`);
});

app.get("/themes/:name", (req, res) => {
  if (!validator.isAlphanumeric(req.params.name)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(`${__dirname}/themes/${req.params.name}.css`);
});

app.get("/themes/loose/:name", (req, res) => {
  if (!validator.isLength(req.params.name, { max: 40 })) return res.sendStatus(400);
  // ruleid: js.path-traversal-request
  res.sendFile(`${__dirname}/themes/${req.params.name}.css`);
});

module.exports = app;
