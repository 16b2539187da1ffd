// A sqlite3 repository class: the database lives in a field.
const sqlite3 = require("sqlite3");
const express = require("express");

class AccountRepository {
  constructor(file) {
    this.db = new sqlite3.Database(file);
  }

  findByEmail(email, cb) {
    // ruleid: js.sql-string-built
    const sql = "SELECT * FROM accounts WHERE email = '" + email + "'";
    // ruleid: js.sql-injection-query
    this.db.get(sql, cb);
  }

  findByEmailSafely(email, cb) {
    // ok: js.sql-injection-query
    this.db.get("SELECT * FROM accounts WHERE email = ?", [email], cb);
  }

  eachOrder(status, cb) {
    // ruleid: js.sql-injection-query
    this.db.each(`SELECT * FROM orders WHERE status = '${status}'`, cb);
  }

  purge(table) {
    // ruleid: js.sql-injection-query
    this.db.exec("DELETE FROM " + table);
  }
}

const repo = new AccountRepository("app.db");
const cache = new Map();
const app = express();
app.post("/lookup", (req, res) => {
  repo.findByEmail(req.body.email, (err, row) => res.json(row));
  repo.findByEmailSafely(req.body.email, (err, row) => res.json(row));
  repo.eachOrder(req.query.status, (err, row) => res.write(JSON.stringify(row)));
  repo.purge(req.body.table);
  // ok: js.sql-injection-query
  res.json(cache.get(req.body.key));
});
