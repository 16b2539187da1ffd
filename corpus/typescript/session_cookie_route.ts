// A Next.js route handler that sets the session cookie.
import { cookies } from "next/headers";
import { NextResponse } from "next/server";

export async function POST(request: Request): Promise<Response> {
  const { token } = (await request.json()) as { token: string };
  // ruleid: js.session-cookie-flags-missing
  cookies().set("session", token);
  const response = NextResponse.json({ ok: true });
  // ruleid: js.session-cookie-flags-missing
  response.cookies.set("refresh_token", token);
  // ok: js.session-cookie-flags-missing
  response.cookies.set({ name: "session", value: token, httpOnly: true, secure: true });
  // ok: js.session-cookie-flags-missing
  response.cookies.set("locale", "en");
  return response;
}

export async function PUT(request: Request): Promise<Response> {
  const { token } = (await request.json()) as { token: string };
  // ruleid: js.cookie-insecure-flags-koa-fastify
  cookies().set("session", token, { httpOnly: false, sameSite: "lax" });
  // ok: js.cookie-insecure-flags-koa-fastify
  cookies().set("csrf_token", token, { httpOnly: false, secure: true });
  // ok: js.cookie-insecure-flags-koa-fastify
  cookies().set("session", token, { httpOnly: true, secure: true });
  return NextResponse.json({ ok: true });
}
