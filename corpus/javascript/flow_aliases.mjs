// An ES-module service whose sinks are imported under other names: each spelling is the same call.
import express from "express";
import * as cp from "node:child_process";
import { exec as runShell } from "node:child_process";
import { readFile as slurp } from "node:fs/promises";
import fsp from "fs/promises";
import pathMod, { basename as baseOf } from "node:path";
import request from "node-fetch";
import shellEscape from "shell-escape";

const app = express();
const FILES = pathMod.join(import.meta.dirname, "files");
const STATUS_URL = "https://status.example.com/health";

app.get("/lint", (req, res) => {
  const file = req.query.file;
  // ruleid: js.exec-command-interpolation
  runShell(`eslint ${file}`, (err, out) => res.send(out));
});

app.get("/lint-quoted", (req, res) => {
  const file = shellEscape([req.query.file]);
  // ok: js.exec-command-interpolation
  runShell(`eslint ${file}`, (err, out) => res.send(out));
});

app.get("/stat", (req, res) => {
  const target = req.query.target;
  const first = target;
  const second = first.trim();
  // ruleid: js.exec-command-variable
  cp.exec(second, (err, out) => res.send(out));
});

app.get("/uptime", (req, res) => {
  const cmd = "uptime";
  // ok: js.exec-command-variable
  cp.exec(cmd, (err, out) => res.send(out));
});

app.get("/file", async (req, res) => {
  const name = req.params.name;
  // ruleid: js.path-traversal-request
  res.send(await slurp(pathMod.join(FILES, name)));
});

app.get("/file-safe", async (req, res) => {
  const name = baseOf(req.params.name);
  // ok: js.path-traversal-request
  res.send(await slurp(pathMod.join(FILES, name)));
});

app.get("/file-promises", async (req, res) => {
  // ruleid: js.path-traversal-request
  res.send(await fsp.readFile(pathMod.join(FILES, req.query.name)));
});

app.get("/mirror", async (req, res) => {
  const { src } = req.query;
  // ruleid: js.ssrf
  const upstream = await request(src);
  res.send(await upstream.text());
});

app.get("/health", async (req, res) => {
  // ok: js.ssrf
  const upstream = await request(STATUS_URL);
  res.send(await upstream.text());
});
