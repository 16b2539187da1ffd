// Query builders written as chains: a method that returns `this` keeps the chain an object of
// the class, so what its methods stored reaches the SQL.
const fastify = require("fastify")();
const { Pool } = require("pg");

const pool = new Pool();

class SelectBuilder {
  constructor(table) {
    this.table = table;
    this.filters = [];
    this.max = 100;
  }

  where(column, value) {
    this.filters.push(`${column} = '${value}'`);
    return this;
  }

  limit(count) {
    this.max = Number(count);
    return this;
  }

  toSQL() {
    const where = this.filters.length ? this.filters.join(" AND ") : "TRUE";
    return `SELECT * FROM ${this.table} WHERE ${where} LIMIT ${this.max}`;
  }
}

class BoundBuilder {
  constructor(table) {
    this.table = table;
    this.filters = [];
    this.values = [];
  }

  where(column, value) {
    this.values.push(value);
    this.filters.push(`${column} = $${this.values.length}`);
    return this;
  }

  toSQL() {
    return `SELECT * FROM ${this.table} WHERE ${this.filters.join(" AND ")}`;
  }
}

fastify.get("/products", async (request) => {
  const query = new SelectBuilder("products").where("category", request.query.category).limit(50);
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query(query.toSQL());
  return rows;
});

fastify.get("/products-bound", async (request) => {
  const query = new BoundBuilder("products").where("category", request.query.category);
  // ok: js.sql-injection-query
  const { rows } = await pool.query(query.toSQL(), query.values);
  return rows;
});
