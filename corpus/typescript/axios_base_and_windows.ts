// An API client whose base address comes from the request, and help windows opened from the URL.
import axios from "axios";
import express from "express";

const app = express();
const STATUS_API = "https://status.example.com";

app.get("/status", async (req, res) => {
  // ruleid: js.ssrf
  const client = axios.create({ baseURL: req.query.api as string, timeout: 2000 });
  const { data } = await client.get("/v1/status");
  res.json(data);
});

app.get("/status-fixed", async (req, res) => {
  // ok: js.ssrf
  const client = axios.create({ baseURL: STATUS_API, headers: { "X-Trace": String(req.query.trace) } });
  const { data } = await client.get("/v1/status");
  res.json(data);
});

export function openHelp(): void {
  const topic = new URLSearchParams(location.search).get("help") ?? "";
  // ruleid: js.open-redirect
  window.open(topic, "_blank");
}

export function openHelpPage(): void {
  const topic = new URLSearchParams(location.search).get("help") ?? "";
  // ok: js.open-redirect
  window.open(`/help/${encodeURIComponent(topic)}`, "_blank");
}

export default app;
