// More places request data ends up: execa's command strings, raw sockets, Express views,
// setHTMLUnsafe in the browser.
const execa = require("execa");
const express = require("express");
const net = require("net");

const app = express();
const PAGES = ["home", "about", "pricing"];

app.post("/run", async (req, res) => {
  // ruleid: js.exec-command-variable
  const { stdout } = await execa.command(req.body.command);
  // ok: js.exec-command-variable
  const { stdout: version } = await execa.command("git --version");
  res.send(stdout + version);
});

app.get("/port-check", (req, res) => {
  // ruleid: js.ssrf
  const socket = net.connect(443, req.query.host, () => res.send("open"));
  // ok: js.ssrf
  const probe = net.connect(443, "status.example.com", () => socket.end());
  probe.on("error", () => res.send("closed"));
});

app.get("/page/:name", (req, res) => {
  // ruleid: js.path-traversal-request
  res.render(req.params.name);
});

app.get("/known-page/:name", (req, res) => {
  const view = PAGES.includes(req.params.name) ? req.params.name : "home";
  // ok: js.path-traversal-request
  res.render(view);
});

function showBanner() {
  const banner = new URLSearchParams(location.search).get("banner") || "";
  const slot = document.getElementById("banner");
  // ruleid: js.dom-html-injection
  slot.setHTMLUnsafe(banner);
  // ok: js.dom-html-injection
  slot.setHTMLUnsafe("<strong>Welcome</strong>");
}
