// Callbacks handed each element of a tainted list or promise, and a request chain written over
// several lines: the finding is on the line of the sink call.
import express, { Request, Response } from "express";
import axios from "axios";

const router = express.Router();
const MIRRORS = ["https://a.mirror.example.com/", "https://b.mirror.example.com/"];

router.get("/feeds", async (req: Request, res: Response) => {
  const feeds = String(req.query.feeds).split(",");
  // ruleid: js.ssrf
  const pages = await Promise.all(feeds.map((feed) => axios.get(feed)));
  res.json(pages.map((p) => p.status));
});

router.get("/mirrors", async (_req: Request, res: Response) => {
  // ok: js.ssrf
  const pages = await Promise.all(MIRRORS.map((mirror) => axios.get(mirror)));
  res.json(pages.map((p) => p.status));
});

router.get("/first-alive", async (req: Request, res: Response) => {
  const hosts: string[] = req.body.hosts;
  hosts.forEach((host) => {
    // ruleid: js.ssrf
    fetch(`http://${host}/health`);
  });
  res.sendStatus(202);
});

router.get("/avatar", async (req: Request, res: Response) => {
  const avatar = String(req.query.avatar ?? "");
  const image = await axios
    // ruleid: js.ssrf
    .get(avatar, { responseType: "arraybuffer" })
    .then((r) => r.data);
  res.type("png").send(image);
});

router.get("/avatar-default", async (_req: Request, res: Response) => {
  const image = await axios
    // ok: js.ssrf
    .get("https://cdn.example.com/default.png", { responseType: "arraybuffer" })
    .then((r) => r.data);
  res.type("png").send(image);
});

router.post("/relay", (req: Request, res: Response) => {
  Promise.resolve(req.body.target as string).then((target) => {
    // ruleid: js.ssrf
    return axios.post(target, { relayed: true });
  });
  res.sendStatus(202);
});

export default router;
