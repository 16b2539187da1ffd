// User repository on top of `pg` and `mysql2`, the way it often gets generated.
const { Pool } = require("pg");
const mysql = require("mysql2/promise");
const knex = require("knex")({ client: "pg" });

const pool = new Pool();
const USERS_TABLE = "users";

async function findByEmail(email) {
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${email}'`);
  return rows[0];
}

async function deleteUser(req, res) {
  // ruleid: js.sql-injection-query
  await pool.query("DELETE FROM users WHERE id = " + req.params.id);
  res.sendStatus(204);
}

async function searchProducts(conn, term, sort) {
  // ruleid: js.sql-injection-query
  const [rows] = await conn.execute(`
    SELECT id, name, price
    FROM products
    WHERE name LIKE '%${term}%'
    ORDER BY ${sort}`);
  return rows;
}

async function ordersFor(customerId) {
  // ruleid: js.sql-injection-query
  return knex.raw(`select * from orders where customer_id = ${customerId}`);
}

async function recent(days) {
  // ruleid: js.sql-injection-query
  return knex("events").whereRaw("created_at > now() - interval '" + days + " days'");
}

async function findByEmailSafe(email) {
  // ok: js.sql-injection-query
  const { rows } = await pool.query("SELECT * FROM users WHERE email = $1", [email]);
  return rows[0];
}

async function countUsers() {
  // ok: js.sql-injection-query
  return pool.query(`SELECT count(*) FROM ${USERS_TABLE}`);
}

async function ordersForSafe(customerId) {
  // ok: js.sql-injection-query
  return knex.raw("select * from orders where customer_id = ?", [customerId]);
}

async function fetchProfile(http, userId) {
  // ok: js.sql-injection-query
  return http.get(`/api/users/${userId}/profile`);
}

async function report(conn, from, to) {
  // ruleid: js.sql-string-built
  const sql = `SELECT region, SUM(total) FROM sales WHERE day BETWEEN '${from}' AND '${to}' GROUP BY region`;
  // ok: js.sql-injection-query
  const [rows] = await conn.query(sql);
  return rows;
}

async function rename(conn, id, name) {
  let stmt;
  // ruleid: js.sql-string-built
  stmt = "UPDATE users SET name = '" + name + "' WHERE id = " + id;
  return conn.query(stmt);
}

async function insertAudit(conn, entry) {
  // ruleid: js.sql-string-built
  const q = `INSERT INTO audit (actor, action) VALUES ('${entry.actor}', '${entry.action}')`;
  return conn.query(q);
}

// ok: js.sql-string-built
const listSql = `SELECT id, name FROM ${USERS_TABLE} ORDER BY id`;

// ok: js.sql-string-built
const byId = "SELECT * FROM users WHERE id = ?";

// ok: js.sql-string-built
const greeting = `Select a user from ${teamName} to continue`;

module.exports = { findByEmail, deleteUser, searchProducts, ordersFor, recent, report, rename, insertAudit };
