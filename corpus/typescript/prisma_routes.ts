// Next.js route handlers writing Prisma records.
import { PrismaClient } from "@prisma/client";
import { NextRequest, NextResponse } from "next/server";

const prisma = new PrismaClient();

export async function POST(req: NextRequest) {
  const data = await req.json();
  // ruleid: js.mass-assignment
  const account = await prisma.account.create({ data });
  return NextResponse.json(account);
}

export async function PATCH(req: NextRequest) {
  const input = (await req.json()) as { id: string };
  const changes = await req.json();
  // ruleid: js.mass-assignment
  const account = await prisma.account.update({ where: { id: input.id }, data: changes });
  return NextResponse.json(account);
}

export async function PUT(req: NextRequest) {
  const body = await req.json();
  const data = { displayName: String(body.displayName), bio: String(body.bio) };
  // ok: js.mass-assignment
  const account = await prisma.account.update({ where: { id: String(body.id) }, data });
  return NextResponse.json(account);
}
