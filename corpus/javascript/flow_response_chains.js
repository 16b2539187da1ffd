// Express responses whose status or headers are set first in the same chain.
const express = require("express");
const app = express();

app.get("/moved", (req, res) => {
  // ruleid: js.open-redirect
  res.status(301).redirect(req.query.to);
});

app.get("/moved-home", (req, res) => {
  // ok: js.open-redirect
  res.status(301).redirect("/home");
});

app.get("/logout", (req, res) => {
  const returnTo = req.query.return_to;
  // ruleid: js.open-redirect
  res.set("Cache-Control", "no-store").location(returnTo).sendStatus(302);
});

app.get("/logout-home", (req, res) => {
  const returnTo = req.query.return_to === "/account" ? "/account" : "/";
  // ok: js.open-redirect
  res.set("Cache-Control", "no-store").location(returnTo).sendStatus(302);
});
