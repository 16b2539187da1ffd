// Next.js route handlers, a Lambda behind API Gateway and Hono: web-standard requests and events.
import { NextRequest, NextResponse } from "next/server";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { Hono } from "hono";
import axios from "axios";
import { readFile } from "fs/promises";
import path from "path";

const CONTENT = path.join(process.cwd(), "content");
const app = new Hono();

export async function GET(req: NextRequest) {
  const name = req.nextUrl.searchParams.get("name")!;
  // ruleid: js.path-traversal-request
  const body = await readFile(path.join(CONTENT, name), "utf8");
  return new NextResponse(body);
}

export async function POST(req: NextRequest) {
  const payload = (await req.json()) as { target: string };
  // ruleid: js.ssrf
  const upstream = await axios.get<string>(payload.target);
  // ok: js.ssrf
  const fixed = await axios.get<string>("https://api.example.com/v1/ping");
  return NextResponse.json({ a: upstream.data, b: fixed.data });
}

export async function PUT(request: Request) {
  const { searchParams } = new URL(request.url);
  const q = searchParams.get("q") ?? "";
  // ruleid: js.xss-response
  return new Response(`<html><body>Search: ${q}</body></html>`, { headers: { "content-type": "text/html" } });
}

export async function PATCH(request: Request) {
  const { searchParams } = new URL(request.url);
  // ok: js.xss-response
  return new Response(`Search: ${searchParams.get("q")}`, { headers: { "content-type": "text/plain" } });
}

export async function DELETE(req: NextRequest) {
  const q = req.nextUrl.searchParams.get("q") ?? "";
  // ruleid: js.xss-response
  return new NextResponse(`<p>${q}</p>`, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

export const handler = async (event: APIGatewayProxyEvent) => {
  const url = event.queryStringParameters?.url ?? "";
  // ruleid: js.ssrf
  const res = await fetch(url);
  // ok: js.ssrf
  const own = await fetch(`https://api.example.com/items/${event.pathParameters?.id}`);
  return { statusCode: res.status + own.status };
};

app.get("/proxy", async (c) => {
  const target = c.req.query("url");
  // ruleid: js.ssrf
  const res = await fetch(target!);
  return c.text(await res.text());
});
