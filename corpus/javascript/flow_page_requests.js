// A dashboard page loads data named in its own address, and a small Express service that
// fetches a URL for its caller. The page's requests leave from the user's own browser.
const express = require("express");

const params = new URLSearchParams(window.location.search);

async function loadReport() {
  const source = params.get("source");
  // ok: js.ssrf
  const res = await fetch(source);
  return res.json();
}

async function loadFromHash() {
  const target = decodeURIComponent(location.hash.slice(1));
  // ok: js.ssrf
  const { data } = await axios.get(target);
  return data;
}

async function pingOwnOrigin() {
  // ok: js.ssrf
  return fetch(new URL("/healthz", window.location.origin));
}

window.addEventListener("message", async (event) => {
  if (event.origin !== "https://app.example.com") return;
  // ok: js.ssrf
  await fetch(event.data.url, { method: "POST" });
});

const app = express();

app.get("/report", async (req, res) => {
  const source = req.query.source;
  // ruleid: js.ssrf
  const upstream = await fetch(source);
  res.json(await upstream.json());
});

app.get("/mirror", async (req, res) => {
  const target = decodeURIComponent(req.params.target);
  // ruleid: js.ssrf
  const { data } = await axios.get(target);
  res.send(data);
});

async function main() {
  const url = process.argv[2];
  // ok: js.ssrf
  const res = await fetch(url);
  console.log(res.status);
}
