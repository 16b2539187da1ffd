const { readFile } = require("node:fs/promises");
const path = require("node:path");
const { exec } = require("node:child_process");

const REPORTS = "/opt/reports";
const FORMATS = { csv: "text/csv", json: "application/json" };

exports.handler = async ({ pathParameters: { report } = {}, queryStringParameters = {} }) => {
  // ruleid: js.path-traversal-request
  const body = await readFile(path.join(REPORTS, report), "utf8");
  const type = FORMATS[queryStringParameters.format] ?? "text/plain";
  return { statusCode: 200, headers: { "content-type": type }, body };
};

module.exports.thumbnail = async function handler({ body }) {
  const { image } = JSON.parse(body);
  // ok: js.path-traversal-request
  const data = await readFile(path.join(REPORTS, "thumbs", path.basename(image)));
  return { statusCode: 200, isBase64Encoded: true, body: data.toString("base64") };
};

exports.handler2 = async ({ queryStringParameters }) => {
  // ok: js.path-traversal-request
  const body = await readFile(path.join(REPORTS, "index.json"), "utf8");
  return { statusCode: 200, body: queryStringParameters ? body : "{}" };
};

function handler({ queryStringParameters: { host } }) {
  return new Promise((resolve) => {
    const command = "ping -c 1 " + host;
    // ruleid: js.exec-command-variable
    exec(command, (err, stdout) => resolve({ statusCode: 200, body: stdout }));
  });
}

module.exports.ping = handler;
