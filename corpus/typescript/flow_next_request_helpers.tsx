// Next.js App Router: `headers()` / `cookies()` from next/headers, and the `params` and
// `searchParams` a page receives, come from the request.
import { cookies, headers } from "next/headers";
import { readFileSync } from "fs";
import path from "path";

const THEMES = ["light", "dark"];

export async function GET() {
  const upstream = headers().get("x-upstream") ?? "";
  // ruleid: js.ssrf
  return fetch(upstream);
}

export async function HEAD() {
  const trace = headers().get("x-trace-id") ?? "";
  // ok: js.ssrf
  return fetch("https://collector.example.com/v1/ping", { headers: { "x-trace-id": trace } });
}

export async function POST() {
  const theme = cookies().get("theme")?.value ?? "light";
  // ruleid: js.path-traversal-request
  return new Response(readFileSync(path.join("/srv/themes", `${theme}.css`)));
}

export async function PUT() {
  const asked = cookies().get("theme")?.value ?? "light";
  const theme = THEMES.includes(asked) ? asked : "light";
  // ok: js.path-traversal-request
  return new Response(readFileSync(path.join("/srv/themes", `${theme}.css`)));
}

export default function DocPage({ params }: { params: { slug: string } }) {
  // ruleid: js.path-traversal-request
  const body = readFileSync(path.join("/srv/docs", `${params.slug}.md`), "utf8");
  // ok: js.path-traversal-request
  const footer = readFileSync(path.join("/srv/docs", "footer.md"), "utf8");
  return <article>{body + footer}</article>;
}
