// Cookies that carry a session or a credential, set with and without their flags.
const express = require("express");
const crypto = require("crypto");

const app = express();
const cookieOptions = { httpOnly: true, secure: true, sameSite: "strict" };

app.post("/login", (req, res) => {
  const token = crypto.randomBytes(32).toString("hex");
  // ruleid: js.session-cookie-flags-missing
  res.cookie("auth_token", token);
  // ruleid: js.session-cookie-flags-missing
  res.cookie("session", token, { maxAge: 3600 * 1000, httpOnly: true });
  // ok: js.session-cookie-flags-missing
  res.cookie("session_id", token, { httpOnly: true, secure: true, sameSite: "lax" });
  // ok: js.session-cookie-flags-missing
  res.cookie("refresh_token", token, cookieOptions);
  // ok: js.session-cookie-flags-missing
  res.cookie("remember_me", token, { ...cookieOptions, maxAge: 30 * 86400 * 1000 });
  // ok: js.session-cookie-flags-missing
  res.cookie("theme", "dark");
  // ok: js.session-cookie-flags-missing
  res.cookie("XSRF-TOKEN", token);
  res.send("ok");
});

async function fastifyLogin(request, reply) {
  // ruleid: js.session-cookie-flags-missing
  reply.setCookie("access_token", request.user.token, { path: "/" });
  // ok: js.session-cookie-flags-missing
  reply.setCookie("access_token", request.user.token, { path: "/", httpOnly: true, secure: true });
  return reply.send({ ok: true });
}

module.exports = { app, fastifyLogin };
