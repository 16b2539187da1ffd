import { Pool } from "pg";

export class InvoiceRepository {
  constructor(private readonly pool: Pool) {}

  async find(customer: string) {
    // ruleid: js.sql-string-built
    const sql = `SELECT id, total FROM invoices WHERE customer = '${customer}'`;
    return (await this.pool.query(sql)).rows;
  }

  async download(id: string) {
    return (await this.pool.query("SELECT pdf FROM invoices WHERE id = $1", [id])).rows[0];
  }
}
