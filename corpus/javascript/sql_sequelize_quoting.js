// Sequelize quotes names (`quoteIdentifier`, `quoteTable`) and values (`sequelize.escape`):
// a statement built from what they return keeps its shape; one built from the raw names does not.
const { Sequelize, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);
const queryInterface = sequelize.getQueryInterface();

async function countRows(table, status) {
  // ok: js.sql-string-built
  const sql = `SELECT COUNT(*) AS n FROM ${queryInterface.quoteTable(table)} WHERE status = ${sequelize.escape(status)}`;
  return sequelize.query(sql, { type: QueryTypes.SELECT });
}

async function countRowsRaw(table, status) {
  // ruleid: js.sql-string-built
  const sql = `SELECT COUNT(*) AS n FROM ${table} WHERE status = '${status}'`;
  return sequelize.query(sql, { type: QueryTypes.SELECT });
}

class ReportQueries {
  constructor(generator) {
    this.queryGenerator = generator;
  }

  latest(table, column, limit) {
    // ok: js.sql-string-built
    const sql = `SELECT ${this.queryGenerator.quoteIdentifier(column)} FROM ${this.queryGenerator.quoteTable(table)} LIMIT ${this.queryGenerator.escape(limit)}`;
    return sql;
  }

  latestRaw(table, column, limit) {
    // ruleid: js.sql-string-built
    const sql = `SELECT ${column} FROM ${table} LIMIT ${limit}`;
    return sql;
  }
}

module.exports = { countRows, countRowsRaw, ReportQueries };
