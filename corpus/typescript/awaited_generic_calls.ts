// `await f<T>(x)` parses as a call of `await f`: the rules still see the callee.
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

type Row = { id: number; name: string };

export async function byName(name: string): Promise<Row[]> {
  // ruleid: js.sql-injection-query
  return await prisma.$queryRawUnsafe<Row[]>(`SELECT id, name FROM users WHERE name = '${name}'`);
}

export async function byNameBound(name: string): Promise<Row[]> {
  // ok: js.sql-injection-query
  return await prisma.$queryRawUnsafe<Row[]>("SELECT id, name FROM users WHERE name = $1", name);
}
