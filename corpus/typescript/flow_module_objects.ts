// Services built once at module level and called from the routes below: the route's request data
// enters the method's parameters.
import { Router, Request, Response } from "express";
import fetch from "node-fetch";

class FeedService {
  private readonly fallback = "https://feeds.example.com/default.xml";

  async pull(endpoint: string) {
    // ruleid: js.ssrf
    const r = await fetch(endpoint);
    return r.text();
  }

  async pullDefault(label: string) {
    // ok: js.ssrf
    const r = await fetch(this.fallback);
    return `${label}: ${await r.text()}`;
  }
}

const feeds = new FeedService();
export const router = Router();

router.get("/feeds/pull", async (req: Request, res: Response) => {
  res.send(await feeds.pull(req.query.endpoint as string));
});

router.get("/feeds/default", async (req: Request, res: Response) => {
  res.send(await feeds.pullDefault(req.query.label as string));
});

