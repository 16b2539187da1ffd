// A typed table of exporters picked by the caller's format, with a default: each entry may run.
import Router from "@koa/router";

async function fetchRemote(url: string): Promise<string> {
  // ruleid: js.ssrf
  const res = await fetch(url);
  return res.text();
}

const exporters: Record<string, (url: string) => Promise<string>> = {
  json: async (url) => JSON.stringify(await fetchRemote(url)),
  text: (url) => fetchRemote(url),
};

const renderers = {
  json: (body: string) => JSON.stringify({ body }),
  text: (body: string) => body,
} as const;

const router = new Router();

router.post("/preview", async (ctx) => {
  const { format, origin } = ctx.request.body as { format: string; origin: string };
  const exporter = exporters[format] ?? exporters.json;
  ctx.body = await exporter(origin);
});

router.post("/render", async (ctx) => {
  const { format, body } = ctx.request.body as { format: "json" | "text"; body: string };
  // ok: js.ssrf
  ctx.body = renderers[format](body);
});

export default router;
