const express = require("express");
const { exec } = require("child_process");
const crypto = require("crypto");
const app = express();

app.get("/run", (req, res) => {
  exec("git log " + req.query.ref, (err, out) => res.send(out));
  const fn = new Function("a", req.body.code);
  setTimeout("alert(1)", 10);
  res.send(eval(req.query.expr));
});

function render(el, html) {
  el.innerHTML = html;
  document.write(`<div>${html}</div>`);
  const hash = crypto.createHash("md5").update(html).digest("hex");
  return Math.random().toString(36) + hash;
}

module.exports = { app, render };
