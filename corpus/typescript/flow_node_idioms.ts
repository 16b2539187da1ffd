// Node idioms: promisified child_process, old-style type assertions, a shell run with `-c`, markup
// built before it is sent, and the `request` package.
import express, { Request, Response } from "express";
import { exec, execFile } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import request from "request";

const run = promisify(exec);
const app = express();
const LOGS = "/var/log/app";

app.post("/backup", async (req: Request, res: Response) => {
  const { dest }: { dest: string } = req.body;
  // ruleid: js.exec-command-interpolation
  const { stdout } = await run(`tar czf ${dest} /data`);
  res.send(stdout);
});

app.post("/backup-fixed", async (req: Request, res: Response) => {
  // ok: js.exec-command-interpolation
  const { stdout } = await run(`tar czf /backups/latest.tgz /data`);
  res.send(stdout);
});

app.get("/logs", (req: Request, res: Response) => {
  const file = <string>req.query.file;
  // ruleid: js.path-traversal-request
  res.type("text/plain").send(fs.readFileSync(`${LOGS}/${file}`, "utf8"));
});

app.get("/logs-today", (req: Request, res: Response) => {
  const day = <number>Number(req.query.day);
  // ok: js.path-traversal-request
  res.type("text/plain").send(fs.readFileSync(`${LOGS}/${day}.log`, "utf8"));
});

app.post("/convert", (req: Request, res: Response) => {
  const { input } = req.body;
  // ruleid: js.exec-command-interpolation
  execFile("sh", ["-c", `convert ${input} out.png`], (err, out) => res.send(out));
});

app.post("/convert-args", (req: Request, res: Response) => {
  const { input } = req.body;
  // ok: js.exec-command-interpolation
  // ruleid: js.argument-injection
  execFile("convert", [String(input), "out.png"], (err, out) => res.send(out));
});

app.get("/echo", (req: Request, res: Response) => {
  const html = "<div>" + req.query.text + "</div>";
  // ruleid: js.xss-response
  res.send(html);
});

app.get("/echo-text", (req: Request, res: Response) => {
  const text = "echo: " + req.query.text;
  // ok: js.xss-response
  res.type("text/plain").send(text);
});

app.get("/mirror", (req: Request, res: Response) => {
  // ruleid: js.ssrf
  request(req.query.target as string, (err, resp, body) => res.send(body));
});

app.get("/mirror-fixed", (req: Request, res: Response) => {
  // ok: js.ssrf
  request(`https://mirror.example.com/${encodeURIComponent(String(req.query.path))}`, (err, resp, body) => res.send(body));
});
