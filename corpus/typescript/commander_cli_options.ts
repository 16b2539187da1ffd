// A command-line tool parsing its options with commander: an option spliced into SQL can rewrite
// the query (the user may be a script fed by others), while opening the file the user names is
// what a CLI is for.
import { Command } from "commander";
import Database from "better-sqlite3";
import fs from "fs";

const program = new Command();
program.option("-t, --tag <tag>").option("-o, --out <file>").parse(process.argv);
const opts = program.opts();
const db = new Database("notes.db");

const where = opts.tag ? `WHERE tag = '${opts.tag}'` : "";
// ruleid: js.sql-injection-query
const rows = db.prepare(`SELECT id, title FROM notes ${where}`).all();

// ok: js.sql-injection-query
const tagged = db.prepare("SELECT id, title FROM notes WHERE tag = ?").all(opts.tag);

// ok: js.path-traversal-request
fs.writeFileSync(opts.out, JSON.stringify({ rows, tagged }));
