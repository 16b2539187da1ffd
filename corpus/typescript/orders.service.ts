import { PrismaClient, Prisma } from "@prisma/client";
import type { Sequelize } from "sequelize";
import sql from "./db";

const prisma = new PrismaClient();

export class OrdersService {
  constructor(private readonly sequelize: Sequelize) {}

  async byStatus(status: string) {
    // ruleid: js.sql-injection-query
    return prisma.$queryRawUnsafe(`SELECT * FROM "Order" WHERE status = '${status}'`);
  }

  async byStatusSafe(status: string) {
    // ok: js.sql-injection-query
    return prisma.$queryRaw`SELECT * FROM "Order" WHERE status = ${status}`;
  }

  async archive(id: number) {
    // ruleid: js.sql-injection-query
    await prisma.$executeRawUnsafe("UPDATE \"Order\" SET archived = true WHERE id = " + id);
  }

  async search(term: string) {
    // ruleid: js.sql-injection-query
    const [results] = await this.sequelize.query(`SELECT * FROM orders WHERE note ILIKE '%${term}%'`);
    return results;
  }

  async searchSafe(term: string) {
    // ok: js.sql-injection-query
    return this.sequelize.query("SELECT * FROM orders WHERE note ILIKE :term", {
      replacements: { term: `%${term}%` },
    });
  }

  async totals(customer: string) {
    // ok: js.sql-injection-query
    return sql`select sum(total) from orders where customer = ${customer}`;
  }

  async exportRows(table: string, since: Date) {
    // ruleid: js.sql-string-built
    const query: string = `SELECT * FROM ${table} WHERE updated_at > '${since.toISOString()}'`;
    // ruleid: js.sql-injection-query
    return sql.unsafe(query + ` LIMIT ${1000}`);
  }

  async exportSafe(since: Date) {
    // ok: js.sql-string-built
    const query = "SELECT * FROM orders WHERE updated_at > $1";
    // ok: js.sql-injection-query
    return sql.unsafe(query, [since]);
  }
}
