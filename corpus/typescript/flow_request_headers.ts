// Headers read with Express's and Koa's accessors: the client writes them.
import express, { Request, Response } from "express";
import Koa from "koa";

const app = express();

app.get("/back", (req: Request, res: Response) => {
  // ruleid: js.open-redirect
  res.redirect(req.get("Referer") || "/");
});

app.get("/home", (req: Request, res: Response) => {
  const lang = req.get("Accept-Language")?.startsWith("de") ? "/de" : "/en";
  // ok: js.open-redirect
  res.redirect(lang);
});

const koa = new Koa();
koa.use(async (ctx) => {
  const back = ctx.get("Referer");
  // ruleid: js.open-redirect
  ctx.redirect(back);
});
