// A developer tool next to a server: the environment is the operator's configuration (whoever
// sets it already chooses what runs: PATH, NODE_OPTIONS), the request is not.
const { execSync } = require("node:child_process");
const express = require("express");
const path = require("node:path");

const app = express();

function page(text) {
  const pager = process.env.PAGER || "less -R";
  // ok: js.exec-command-variable
  execSync(pager, { input: text, stdio: ["pipe", "inherit", "inherit"] });
}

app.post("/page", (req, res) => {
  const pager = req.query.pager || "less -R";
  // ruleid: js.exec-command-variable
  execSync(pager, { input: "", stdio: ["pipe", "inherit", "inherit"] });
  res.end();
});

function openEditor() {
  const editor = process.env.EDITOR || "vi";
  // ok: js.exec-command-interpolation
  execSync(`${editor} "${path.join(__dirname, "NOTES.md")}"`, { stdio: "inherit" });
}

app.post("/edit", (req, res) => {
  const editor = req.body.editor || "vi";
  // ruleid: js.exec-command-interpolation
  execSync(`${editor} "${path.join(__dirname, "NOTES.md")}"`, { stdio: "inherit" });
  res.end();
});

module.exports = { app, page, openEditor, tagRelease };

// A release script: the version comes from the package's own manifest.
function tagRelease() {
  const pkg = require("../package.json");
  // ok: js.exec-command-interpolation
  execSync(`git tag -a v${pkg.version} -m "Release ${pkg.version}"`, { stdio: "inherit" });
}

app.post("/tag", (req, res) => {
  const pkg = req.body;
  // ruleid: js.exec-command-interpolation
  execSync(`git tag -a v${pkg.version} -m "Release ${pkg.version}"`, { stdio: "inherit" });
  res.end();
});
