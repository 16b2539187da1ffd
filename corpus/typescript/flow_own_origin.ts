// The origin a page or a Next.js request was served from is the site's own, not the caller's.
import { NextRequest, NextResponse } from "next/server";

function afterLogin(req: NextRequest): URL {
  const home = new URL("/home", req.nextUrl.origin);
  const next = req.nextUrl.searchParams.get("next");
  if (!next) return home;
  const target = new URL(next, req.nextUrl.origin);
  return target.origin === req.nextUrl.origin ? target : home;
}

function anywhere(req: NextRequest): URL {
  const next = req.nextUrl.searchParams.get("next") ?? "/";
  return new URL(next, req.nextUrl.origin);
}

export function middleware(req: NextRequest) {
  if (req.nextUrl.pathname === "/login/done") {
    // ok: js.open-redirect
    return NextResponse.redirect(afterLogin(req));
  }
  if (req.nextUrl.pathname === "/login/any") {
    // ruleid: js.open-redirect
    return NextResponse.redirect(anywhere(req));
  }
  const login = new URL("/login", req.nextUrl.origin);
  login.searchParams.set("from", req.nextUrl.pathname);
  // ok: js.open-redirect
  return NextResponse.redirect(login);
}

export function linkTo(path: string, anchor: HTMLAnchorElement): void {
  // ok: js.dom-attribute-injection
  anchor.href = new URL(path, window.location.origin).href;
}

export function linkFromHash(anchor: HTMLAnchorElement): void {
  // ruleid: js.dom-attribute-injection
  anchor.href = window.location.hash.slice(1);
}

// Compared with a part of the caller's other argument: the origin the caller trusts.
function sameOrigin(target: string | null, base: URL): URL {
  const fallback = new URL("/", base);
  if (!target) return fallback;
  const candidate = new URL(target, base);
  return candidate.origin === base.origin ? candidate : fallback;
}

function anyOrigin(target: string | null, base: URL): URL {
  const candidate = new URL(target ?? "/", base);
  return candidate.pathname === base.pathname ? fallbackOf(base) : candidate;
}

function fallbackOf(base: URL): URL {
  return new URL("/", base);
}

export function GET(req: NextRequest) {
  const base = new URL(req.nextUrl.origin);
  if (req.nextUrl.pathname === "/out/any") {
    // ruleid: js.open-redirect
    return NextResponse.redirect(anyOrigin(req.nextUrl.searchParams.get("to"), base));
  }
  // ok: js.open-redirect
  return NextResponse.redirect(sameOrigin(req.nextUrl.searchParams.get("to"), base));
}
