// A knex dialect compiler builds statements from placeholders (`client.parameter(v)` emits `?` and
// keeps `v` as a binding) and quoted names (`formatter.wrap`, `formatter.columnize`); the same
// statement with a raw name or value in it is injectable.
const SchemaCompiler = require('knex/lib/schema/compiler');

class SchemaCompilerAudit extends SchemaCompiler {
  hasTable(tableName) {
    // ok: js.sql-string-built
    const sql = `select name from audit_catalog where name = ${this.client.parameter(tableName, this.builder, this.bindingsHolder)}`;
    this.pushQuery({ sql, output: (rows) => rows.length > 0 });
  }

  hasTableRaw(tableName) {
    // ruleid: js.sql-string-built
    const sql = `select name from audit_catalog where name = '${tableName}'`;
    this.pushQuery({ sql, output: (rows) => rows.length > 0 });
  }

  columnsOf(tableName, columns) {
    // ok: js.sql-string-built
    const sql = `select ${this.formatter.columnize(columns)} from ${this.formatter.wrap(tableName)}`;
    this.pushQuery(sql);
  }

  columnsOfRaw(tableName, columns) {
    // ruleid: js.sql-string-built
    const sql = `select ${columns.join(', ')} from ${tableName}`;
    this.pushQuery(sql);
  }
}

module.exports = SchemaCompilerAudit;
