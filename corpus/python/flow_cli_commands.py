# click and Typer commands: their parameters are the command line's arguments. SQL built from them
# is still SQL built from input; a file the operator names is theirs to open.
import os
import shutil
import sqlite3

import click
import typer

app = typer.Typer()
db = sqlite3.connect("crm.db")


@app.command()
def export(customer: str, limit: int = 100):
    cur = db.cursor()
    # ruleid: python.sql-string-formatting
    cur.execute("SELECT * FROM orders WHERE customer = '%s' LIMIT %d" % (customer, limit))
    return cur.fetchall()


@app.command()
def export_bound(customer: str):
    cur = db.cursor()
    # ok: python.sql-string-formatting
    cur.execute("SELECT * FROM orders WHERE customer = ?", (customer,))
    return cur.fetchall()


@click.group()
def cli():
    pass


@cli.command()
@click.argument("workspace")
def cleanup(workspace):
    # ok: python.path-traversal
    shutil.rmtree(os.path.join("/srv/workspaces", workspace))


@cli.command()
@click.option("--table", default="orders")
def count(table):
    # ruleid: python.sql-string-formatting
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
