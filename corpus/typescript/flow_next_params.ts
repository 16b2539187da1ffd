// Next.js App Router: dynamic segments arrive in the handler's second argument; redirects.
import { NextRequest, NextResponse } from "next/server";
import { redirect } from "next/navigation";
import { readFile } from "fs/promises";
import path from "path";

const DOCS_DIR: string = path.join(process.cwd(), "docs");

export async function GET(request: NextRequest, { params }: { params: { slug: string } }) {
  // ruleid: js.path-traversal-request
  const text: string = await readFile(path.join(DOCS_DIR, params.slug + ".md"), "utf8");
  return new NextResponse(text);
}

export async function HEAD(request: NextRequest, context: { params: { slug: string } }) {
  const slug: string = path.basename(context.params.slug);
  // ok: js.path-traversal-request
  const text: string = await readFile(path.join(DOCS_DIR, slug + ".md"), "utf8");
  return new NextResponse(null, { headers: { "Content-Length": String(text.length) } });
}

export async function POST(request: NextRequest): Promise<NextResponse> {
  const next: string = request.nextUrl.searchParams.get("next") ?? "/";
  // ruleid: js.open-redirect
  return NextResponse.redirect(new URL(next, request.url));
}

export async function PUT(request: NextRequest): Promise<NextResponse> {
  // ok: js.open-redirect
  return NextResponse.redirect(new URL("/docs", request.url));
}

export async function DELETE(request: NextRequest): Promise<NextResponse> {
  const { returnTo }: { returnTo: string } = await request.json();
  // ruleid: js.open-redirect
  redirect(returnTo);
}

export function loadDoc(slug: string): Promise<string> {
  // ok: js.path-traversal-request
  return readFile(path.join(DOCS_DIR, slug + ".md"), "utf8");
}
