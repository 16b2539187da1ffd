// Values parsed by a zod schema of fixed choices are one of the program's strings.
import express from "express";
import { execSync } from "child_process";
import { z } from "zod";

const Action = z.enum(["start", "stop", "restart"]);
const app = express();
app.use(express.json());

app.post("/service", (req, res) => {
  const action = Action.parse(req.body.action);
  // ok: js.exec-command-interpolation
  execSync(`systemctl ${action} myapp`);
  const unit = z.enum(["web", "worker"]).parse(req.body.unit);
  // ok: js.exec-command-interpolation
  execSync(`systemctl status ${unit}`);
  const name = z.string().parse(req.body.name);
  // ruleid: js.exec-command-interpolation
  execSync(`systemctl status ${name}`);
  res.sendStatus(204);
});
