// Express app bootstrap: CORS, sessions, cookies.
const express = require("express");
const cors = require("cors");
const session = require("express-session");
const cookieSession = require("cookie-session");

const app = express();
const ALLOWED = new Set(["https://app.example.com", "https://admin.example.com"]);

// ruleid: js.cors-credentials-any-origin
app.use(cors({ origin: true, credentials: true }));

app.use(
  "/api/v2",
  // ruleid: js.cors-credentials-any-origin
  cors({
    credentials: true,
    origin: "*",
  })
);

app.use(
  "/api/v3",
  // ruleid: js.cors-credentials-any-origin
  cors({
    origin: (origin, callback) => callback(null, true),
    credentials: true,
  })
);

app.use(
  "/api/v4",
  // ruleid: js.cors-credentials-any-origin
  cors({
    origin: (origin, callback) => callback(null, origin),
    credentials: true,
  })
);

// ok: js.cors-credentials-any-origin
app.use("/public", cors({ origin: "*" }));

// ok: js.cors-credentials-any-origin
app.use("/app", cors({ origin: [...ALLOWED], credentials: true }));

app.use(
  "/partners",
  // ok: js.cors-credentials-any-origin
  cors({
    origin: (origin, callback) => callback(null, ALLOWED.has(origin)),
    credentials: true,
  })
);

app.use((req, res, next) => {
  // ruleid: js.cors-reflect-origin
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.use("/embed", (req, res, next) => {
  // ruleid: js.cors-reflect-origin
  res.header("access-control-allow-origin", req.get("origin"));
  next();
});

app.use("/feeds", (req, res, next) => {
  // ruleid: js.cors-reflect-origin
  res.set("Access-Control-Allow-Origin", req.get("Origin") || "*");
  res.set("Access-Control-Allow-Credentials", "true");
  next();
});

app.use("/widgets", (req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED.has(origin)) {
    // ok: js.cors-reflect-origin
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
  }
  next();
});

app.get("/status", (req, res) => {
  // ok: js.cors-reflect-origin
  res.set("Access-Control-Allow-Origin", "https://status.example.com");
  // ok: js.cors-reflect-origin
  res.set("X-Request-Origin", req.headers.origin || "");
  res.json({ ok: true });
});

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: {
      // ruleid: js.insecure-cookie-flags
      secure: false,
      // ruleid: js.insecure-cookie-flags
      httpOnly: false,
      maxAge: 24 * 60 * 60 * 1000,
    },
  })
);

// ruleid: js.insecure-cookie-flags
app.use(cookieSession({ name: "sess", keys: [process.env.COOKIE_KEY], secure: false }));

app.post("/login", (req, res) => {
  // ruleid: js.insecure-cookie-flags
  res.cookie("sid", req.session.id, { httpOnly: false, sameSite: "lax" });
  // ok: js.insecure-cookie-flags
  res.cookie("XSRF-TOKEN", req.csrfToken(), { httpOnly: false, secure: true });
  // ok: js.insecure-cookie-flags
  res.cookie("theme", "dark", { httpOnly: true, secure: process.env.NODE_ENV === "production" });
  res.redirect("/");
});

// ok: js.insecure-cookie-flags
const smtp = { host: "smtp.example.com", port: 587, secure: false };

module.exports = { app, smtp };
