// An API gateway calling its own back ends; their base addresses are module constants.
const express = require("express");
const axios = require("axios");

const UPSTREAM = "https://api.github.com";
const SCHEME = "https://";

const app = express();

app.get("/repos/:owner/:repo", async (req, res) => {
  const { owner, repo } = req.params;
  // ok: js.ssrf
  const { data } = await axios.get(`${UPSTREAM}/repos/${owner}/${repo}`);
  // ruleid: js.ssrf
  const other = await axios.get(`${UPSTREAM}${req.query.path}`);
  res.json({ data, other: other.data });
});

app.get("/users/:name", async (req, res) => {
  // ok: js.ssrf
  const page = await fetch(UPSTREAM + "/users/" + req.params.name);
  // ruleid: js.ssrf
  const host = await fetch(SCHEME + req.query.host + "/users");
  res.json({ page: page.status, host: host.status });
});

app.get("/mirror/:file", async (req, res) => {
  // ruleid: js.ssrf
  const file = await fetch(`${SCHEME}${req.query.host}/files/${req.params.file}`);
  // ok: js.ssrf
  const copy = await fetch(`${UPSTREAM}/files/${req.params.file}`);
  res.json({ file: file.status, copy: copy.status });
});
