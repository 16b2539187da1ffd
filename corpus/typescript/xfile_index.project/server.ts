import express, { Request, Response } from "express";
import * as api from "./api";
import { pingHost } from "./api/index.js";

const app = express();

app.get("/ping", async (req: Request, res: Response) => {
  // ruleid: js.ssrf
  const a = await api.pingHost(String(req.query.host));
  // ok: js.ssrf
  const b = await pingHost("db.internal.example.com");
  // ok: js.ssrf
  const c = await api.pinned(String(req.query.page));
  res.json([a.status, b.status, c.status]);
});
