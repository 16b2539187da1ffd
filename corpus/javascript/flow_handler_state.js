// A request handler object that stores request data on `this` in one method and uses it in
// another (a per-request controller, a job built from the request).
const { exec } = require("child_process");
const fs = require("fs");
const path = require("path");

const REPORTS = "/srv/reports";

class ReportJob {
  load(req) {
    this.name = req.query.report;
    this.format = "pdf";
  }

  run(res) {
    // ruleid: js.path-traversal-request
    fs.createReadStream(path.join(REPORTS, this.name)).pipe(res);
  }

  convert(cb) {
    // ok: js.exec-command-interpolation
    exec(`convert-report --to ${this.format}`, cb);
  }
}

class DailyReportJob {
  load(req) {
    this.requestedBy = req.query.user;
    this.name = "daily.csv";
  }

  run(res) {
    // ok: js.path-traversal-request
    fs.createReadStream(path.join(REPORTS, this.name)).pipe(res);
  }
}

module.exports = { ReportJob, DailyReportJob };
