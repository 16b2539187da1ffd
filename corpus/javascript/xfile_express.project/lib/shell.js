// Helpers a router hands request values to: the sinks are here, the findings at the calls.
const { exec } = require("child_process");
const fs = require("fs");
const path = require("path");

const REPORTS = "/srv/reports";

function compress(file) {
  // ruleid: js.exec-command-interpolation
  exec("gzip -k " + file);
}

function readReport(name, done) {
  fs.readFile(path.join(REPORTS, name), "utf8", done);
}

// The sink inside a callback of the helper: the caller's value reaches it all the same.
function readReportLater(name) {
  return new Promise((resolve, reject) => {
    fs.readFile(path.join(REPORTS, name), "utf8", (err, text) => (err ? reject(err) : resolve(text)));
  });
}

module.exports = { compress, readReport, readReportLater };
