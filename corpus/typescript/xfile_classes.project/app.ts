import express, { Request, Response } from "express";
import { Runner, fetcher, mirror } from "./lib";
import HealthPinger from "./lib/pinger";

const app = express();

app.post("/run", (req: Request, res: Response) => {
  // ruleid: js.exec-command-interpolation
  new Runner().start(req.body.script);
  // ok: js.exec-command-interpolation
  new Runner().start("nightly.sh");
  res.end();
});

app.get("/grab", async (req: Request, res: Response) => {
  // ruleid: js.ssrf
  const a = await fetcher.grab(String(req.query.to));
  // ok: js.ssrf
  const b = await fetcher.grab("https://static.example.com/a.json");
  // ruleid: js.ssrf
  const c = await mirror(String(req.query.src));
  // ok: js.ssrf
  const d = await mirror("https://static.example.com/b.json");
  res.json([a.status, b.status, c.status, d.status]);
});

const pinger = new HealthPinger();

app.get("/ping", async (req: Request, res: Response) => {
  // ruleid: js.ssrf
  const asked = await pinger.ping(String(req.query.host));
  // ok: js.ssrf
  const own = await pinger.ping("https://status.example.com/health");
  res.json([asked, own]);
});
