// Validators: functions and methods of the module that return a check of their parameter.
import express, { Request, Response } from "express";
import { promises as fs } from "fs";
import * as path from "path";
import { execSync } from "child_process";

const app = express();
const BRANCH = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,99}$/;

function isBranchName(value: string): boolean {
  return BRANCH.test(value) && !value.includes("..");
}

// A type test says nothing of what a string holds.
function isText(value: unknown): value is string {
  return typeof value === "string";
}

class ExportController {
  private readonly root = "/srv/exports";

  private isExportName(name: string): boolean {
    return /^[a-z0-9-]+\.csv$/.test(name);
  }

  async download(req: Request, res: Response): Promise<void> {
    const name = String(req.params.name);
    if (!this.isExportName(name)) {
      res.status(400).end();
      return;
    }
    // ok: js.path-traversal-request
    res.send(await fs.readFile(path.join(this.root, name)));
  }

  async downloadAny(req: Request, res: Response): Promise<void> {
    const name = req.params.name;
    if (!isText(name)) {
      res.status(400).end();
      return;
    }
    // ruleid: js.path-traversal-request
    res.send(await fs.readFile(path.join(this.root, name)));
  }
}

app.post("/deploy", (req: Request, res: Response) => {
  const branch: string = req.body.branch;
  if (!isBranchName(branch)) {
    res.status(400).send("bad branch");
    return;
  }
  // ok: js.exec-command-interpolation
  const log = execSync(`git log --oneline -5 ${branch}`, { cwd: "/srv/app" });
  res.type("text/plain").send(log);
});

app.post("/deploy/any", (req: Request, res: Response) => {
  const branch = req.body.branch;
  if (!isText(branch)) {
    res.status(400).send("bad branch");
    return;
  }
  // ruleid: js.exec-command-interpolation
  const log = execSync(`git log --oneline -5 ${branch}`, { cwd: "/srv/app" });
  res.type("text/plain").send(log);
});

export const controller = new ExportController();
app.get("/exports/:name", (req, res) => controller.download(req, res));
app.get("/exports/any/:name", (req, res) => controller.downloadAny(req, res));
