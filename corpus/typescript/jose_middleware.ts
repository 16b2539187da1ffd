// jose in Next.js middleware: decoding is not verifying.
import { decodeJwt, jwtVerify } from "jose";
import { NextRequest, NextResponse } from "next/server";

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export function middleware(req: NextRequest) {
  const token = req.cookies.get("token")?.value ?? "";
  // ruleid: js.jwt-decode-as-auth
  const claims = decodeJwt(token);
  if (claims.role !== "admin") return NextResponse.redirect(new URL("/login", req.url));
  return NextResponse.next();
}

export async function verifiedMiddleware(req: NextRequest) {
  const token = req.cookies.get("token")?.value ?? "";
  const { payload } = await jwtVerify(token, secret);
  // ok: js.jwt-decode-as-auth
  const header = decodeJwt(token);
  if (payload.role !== "admin" || !header.sub) return NextResponse.redirect(new URL("/login", req.url));
  return NextResponse.next();
}
