// commander's action handlers receive the parsed command-line arguments and options.
const { program } = require("commander");
const { execSync } = require("child_process");
const { Sequelize } = require("sequelize");

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function purgeSessions(email, days) {
  // ruleid: js.sql-string-built
  const sql = `DELETE FROM sessions WHERE email = '${email}' AND idle_days > ${Number(days)}`;
  // ruleid: js.sql-injection-query
  return sequelize.query(sql);
}

program
  .name("admin")
  .command("purge")
  .requiredOption("-e, --email <email>", "user e-mail")
  .option("-d, --days <n>", "idle days", "30")
  .action(async (opts) => {
    await purgeSessions(opts.email, opts.days);
    // ok: js.sql-injection-query
    await sequelize.query("DELETE FROM sessions WHERE idle_days > :days", { replacements: { days: opts.days } });
  });

program
  .command("backup <name>")
  .action((name) => {
    // ruleid: js.exec-command-interpolation
    execSync(`tar -czf /backups/${name}.tgz /srv/data`);
    // ok: js.exec-command-interpolation
    execSync(`tar -czf /backups/nightly.tgz /srv/data`);
  });

program.parse(process.argv);
