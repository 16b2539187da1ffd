// express-session options built in a name before `session(...)`.
const express = require("express");
const session = require("express-session");

const app = express();

const sessionOptions = {
  // ruleid: js.session-secret-hardcoded
  secret: "keyboard-cat-super-secret-42",
  resave: false,
  saveUninitialized: false,
};
app.use(session(sessionOptions));

const adminSessionConfig = {
  // ok: js.session-secret-hardcoded
  secret: process.env.ADMIN_SESSION_SECRET,
  resave: false,
};
app.use("/admin", session(adminSessionConfig));

const cacheOptions = {
  // ok: js.session-secret-hardcoded
  secret: "not-a-session",
  ttl: 60,
};
module.exports = { app, cacheOptions };
