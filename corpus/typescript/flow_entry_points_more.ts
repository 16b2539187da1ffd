// Values whose trust depends on where they came from: the request's own origin, a typed message
// listener, a class field initialised from a constant, JSON parsed from a checked string.
import { NextRequest, NextResponse } from "next/server";
import { DomSanitizer, SafeHtml } from "@angular/platform-browser";
import { inject } from "@angular/core";
import { MongoClient } from "mongodb";

const orders = new MongoClient("mongodb://db").db("shop").collection("orders");
const FOOTER_HTML = `<p class="legal">Opinions are the authors' own.</p>`;

export async function GET(request: NextRequest) {
  const { searchParams, origin } = request.nextUrl;
  if (!searchParams.get("code")) {
    // ok: js.open-redirect
    return NextResponse.redirect(new URL("/login?error=missing_code", origin));
  }
  const destination = new URL(searchParams.get("next") ?? "/", origin);
  if (destination.origin !== origin) {
    return NextResponse.redirect(new URL("/", origin));
  }
  // ok: js.open-redirect
  return NextResponse.redirect(destination);
}

export async function POST(request: NextRequest) {
  const { searchParams } = request.nextUrl;
  // ruleid: js.open-redirect
  return NextResponse.redirect(new URL(searchParams.get("next") ?? "/", searchParams.get("base") ?? "/"));
}

export function listenForPopup() {
  const onMessage = (event: MessageEvent) => {
    // ruleid: js.open-redirect
    window.location.assign(event.data.redirectTo);
  };
  const onOwnMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    // ok: js.open-redirect
    window.location.assign("/dashboard");
  };
  window.addEventListener("message", onMessage);
  window.addEventListener("message", onOwnMessage);
}

export class FooterComponent {
  private readonly sanitizer = inject(DomSanitizer);
  // ok: ts.angular-bypass-security-trust
  readonly footer: SafeHtml = this.sanitizer.bypassSecurityTrustHtml(FOOTER_HTML);
  // ruleid: ts.angular-bypass-security-trust
  readonly banner: SafeHtml = this.sanitizer.bypassSecurityTrustHtml(window.name);

  year(): number {
    return new Date().getFullYear();
  }
}

export async function PUT(request: Request) {
  const form = await request.formData();
  const raw = form.get("filter");
  if (typeof raw !== "string") return [];
  // ok: js.nosql-operator-injection
  const byName = await orders.find({ customer: raw }).toArray();
  const criteria = JSON.parse(raw);
  // ruleid: js.nosql-operator-injection
  const byFilter = await orders.find({ storeId: "s1", ...criteria }).toArray();
  return [...byName, ...byFilter];
}
