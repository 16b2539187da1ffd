// A React page reads its route and query, and a Next.js route handler forwards a request.
import { useParams, useSearchParams } from "react-router-dom";
import { NextRequest, NextResponse } from "next/server";

export function Preview() {
  const [search] = useSearchParams();
  const { feed } = useParams();
  async function load() {
    const url = search.get("url") ?? "/api/default";
    // ok: js.ssrf
    const res = await fetch(url);
    // ok: js.ssrf
    await fetch(feed ?? "/api/feed");
    return res.text();
  }
  return <button onClick={load}>Load</button>;
}

export async function GET(request: NextRequest) {
  const url = request.nextUrl.searchParams.get("url") ?? "/api/default";
  // ruleid: js.ssrf
  const res = await fetch(url);
  return NextResponse.json({ body: await res.text() });
}
