// A data-access object made inside a setup function whose route handlers, closures written
// there, call its methods with request data.
const Hapi = require("@hapi/hapi");
const sql = require("mssql");

class InventoryDao {
  constructor(pool) {
    this.pool = pool;
  }
  async byWarehouse(code) {
    // ruleid: js.sql-string-built
    const stmt = `SELECT sku, qty FROM stock WHERE warehouse = '${code}'`;
    // ruleid: js.sql-injection-query
    return this.pool.request().query(stmt);
  }
  async byId(id) {
    // ok: js.sql-injection-query
    return this.pool.request().input("id", sql.Int, id).query("SELECT sku FROM stock WHERE id = @id");
  }
}

const init = async () => {
  const pool = await sql.connect(process.env.MSSQL_URL);
  const dao = new InventoryDao(pool);
  const server = Hapi.server({ port: 3000 });
  server.route({
    method: "GET",
    path: "/stock/{warehouse}",
    handler: async (request) => dao.byWarehouse(request.params.warehouse),
  });
  server.route({
    method: "GET",
    path: "/items/{id}",
    handler: async (request) => dao.byId(request.params.id),
  });
  await server.start();
};

init();
