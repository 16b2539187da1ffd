# A dialect's identifier preparer quotes a schema or table name (its quote character doubled),
# so the name cannot end the identifier early; a name formatted in as it came can.
from flask import Flask, request

app = Flask(__name__)


class ViewReader:
    def __init__(self, dialect):
        self.identifier_preparer = dialect.identifier_preparer

    def definition(self, connection, view_name, schema):
        qschema = self.identifier_preparer.quote_identifier(schema)
        query = "SELECT sql FROM %s.sqlite_master WHERE name = ? AND type = 'view'" % qschema
        # ok: python.sql-string-formatting
        return connection.execute(query, (view_name,)).scalar()

    def definition_unquoted(self, connection, view_name, schema):
        query = "SELECT sql FROM %s.sqlite_master WHERE name = ? AND type = 'view'" % schema
        # ruleid: python.sql-string-formatting
        return connection.execute(query, (view_name,)).scalar()


@app.route("/views/<schema>/<name>")
def show_view(schema, name):
    preparer = app.config["DIALECT"].identifier_preparer
    table = preparer.format_table(app.config["TABLES"][name])
    query = f"SELECT * FROM {preparer.quote(schema)}.{table} LIMIT 50"
    # ok: python.sql-string-formatting
    rows = app.config["DB"].execute(query).fetchall()
    raw = f"SELECT * FROM {schema}.{name} LIMIT 50"
    # ruleid: python.sql-string-formatting
    rows += app.config["DB"].execute(raw).fetchall()
    return {"rows": [list(r) for r in rows]}
