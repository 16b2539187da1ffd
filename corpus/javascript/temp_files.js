// Files written into the shared temp directory under names another user can guess.
const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");

function exportReport(csv, userId) {
  // ruleid: js.insecure-temp-path
  fs.writeFileSync(path.join(os.tmpdir(), "report-" + process.pid + ".csv"), csv);
  const sessionFile = `/tmp/session-${userId}.json`;
  // ruleid: js.insecure-temp-path
  fs.writeFileSync(sessionFile, JSON.stringify({ userId }));
  // ruleid: js.insecure-temp-path
  const out = fs.createWriteStream("/tmp/export.log", { flags: "a" });
  out.end(csv);
}

async function exportSafely(csv) {
  const unique = path.join(os.tmpdir(), `report-${crypto.randomUUID()}.csv`);
  // ok: js.insecure-temp-path
  await fs.promises.writeFile(unique, csv, { flag: "wx" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reports-"));
  // ok: js.insecure-temp-path
  fs.writeFileSync(path.join(dir, "report.csv"), csv);
  // ok: js.insecure-temp-path
  return fs.readFileSync("/tmp/shared-settings.json", "utf8");
}

module.exports = { exportReport, exportSafely };

function exportCsv(data) {
  const file = `${os.tmpdir()}/export-${process.pid}.csv`;
  // ruleid: js.insecure-temp-path
  fs.writeFileSync(file, data);
  // ruleid: js.insecure-temp-path
  fs.writeFileSync(`${os.tmpdir()}/report.csv`, data);
  // ok: js.insecure-temp-path
  fs.writeFileSync(`${os.tmpdir()}/report-${crypto.randomUUID()}.csv`, data);
  return file;
}
