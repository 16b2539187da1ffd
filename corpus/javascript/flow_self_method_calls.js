// A method that builds text from the object's fields, called on `this` by another method: the
// object built from request data carries it into what the first method returns.
const express = require("express");
const mysql = require("mysql");

const app = express();
const db = mysql.createConnection({ host: "localhost" });

class ItemSearch {
  constructor(term) {
    this.term = term;
  }

  sql() {
    return `SELECT * FROM items WHERE name = '${this.term}'`;
  }

  countSql() {
    return `SELECT count(*) FROM items WHERE id = ${Number(this.term)}`;
  }

  run(done) {
    // ruleid: js.sql-injection-query
    db.query(this.sql(), done);
    // ok: js.sql-injection-query
    db.query(this.countSql(), done);
  }
}

class Report {
  sql() {
    return "SELECT * FROM reports WHERE owner = 'admin'";
  }

  run(done) {
    // ok: js.sql-injection-query
    db.query(this.sql(), done);
  }
}

app.get("/items", (req, res) => {
  new ItemSearch(req.query.q).run((err, rows) => res.json({ err, rows }));
  new Report().run((err, rows) => res.json({ err, rows }));
});
