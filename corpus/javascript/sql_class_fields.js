// Repositories whose SQL names a table kept in a field of the class.
const mysql = require("mysql2/promise");

class AuditLog {
  table = "audit_log";
  pageSize = 50;

  constructor(pool) {
    this.pool = pool;
  }

  async latest(userId) {
    // ok: js.sql-injection-query
    return this.pool.query(`SELECT id, action FROM ${this.table} WHERE user_id = ? LIMIT ${this.pageSize}`, [userId]);
  }

  async count() {
    // ok: js.sql-injection-query
    return this.pool.query("SELECT COUNT(*) AS n FROM " + this.table);
  }
}

class TenantTable {
  table = "events";

  constructor(pool) {
    this.pool = pool;
  }

  useTable(name) {
    this.table = name;
  }

  async latest(userId) {
    // ruleid: js.sql-injection-query
    return this.pool.query(`SELECT id, kind FROM ${this.table} WHERE user_id = ?`, [userId]);
  }
}

class Exporter {
  columns = ["id", "created_at"];

  constructor(pool) {
    this.pool = pool;
  }

  addColumn(name) {
    this.columns.push(name);
  }

  async rows() {
    // ruleid: js.sql-injection-query
    return this.pool.query(`SELECT ${this.columns.join(", ")} FROM exports`);
  }
}

module.exports = { AuditLog, TenantTable, Exporter, mysql };
