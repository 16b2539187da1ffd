// Services configured after construction: a setter stores request data in `this.<field>` and a
// later method sends, queries or runs it.
import express from "express";
import { execa, execaCommand } from "execa";
import { readFile } from "fs/promises";
import { Pool } from "pg";

const app = express();
const pool = new Pool();

class WebhookService {
  private webhookUrl = "";
  configure(url: string): void {
    this.webhookUrl = url;
  }
  async notify(event: string): Promise<Response> {
    // ruleid: js.ssrf
    return fetch(this.webhookUrl, { method: "POST", body: event });
  }
}

class AuditRepo {
  private tenant = "public";
  constructor(private readonly db: Pool) {}
  forTenant(tenant: string): void {
    this.tenant = tenant;
  }
  async recent(): Promise<unknown[]> {
    // ruleid: js.sql-injection-query
    const result = await this.db.query(`SELECT * FROM ${this.tenant}.audit_log LIMIT 50`);
    return result.rows;
  }
}

class StatusClient {
  private base = "https://status.example.com";
  private label = "";
  tag(label: string): void {
    this.label = label;
  }
  async check(): Promise<Response> {
    // ok: js.ssrf
    return fetch(this.base + "/api/health");
  }
}

app.post("/hooks", async (req, res) => {
  const service = new WebhookService();
  service.configure(req.body.url);
  await service.notify("ping");
  res.sendStatus(204);
});

app.get("/audit", async (req, res) => {
  const repo = new AuditRepo(pool);
  repo.forTenant(String(req.query.tenant));
  res.json(await repo.recent());
});

app.get("/status", async (req, res) => {
  const client = new StatusClient();
  client.tag(String(req.query.label));
  res.json(await (await client.check()).json());
});

app.post("/pull", async (req, res) => {
  // ruleid: js.exec-command-variable
  await execaCommand(`docker pull registry.local/app:${req.body.tag}`, { shell: true });
  res.sendStatus(204);
});

app.post("/archive", async (req, res) => {
  const script = `tar czf /var/backups/${req.body.label}.tgz /srv/data`;
  // ruleid: js.exec-command-interpolation
  await execa("sh", ["-c", script]);
  // ok: js.exec-command-interpolation
  await execa("tar", ["czf", `/var/backups/${req.body.label}.tgz`, "/srv/data"]);
  res.sendStatus(202);
});

const ERROR_PAGE = `<!DOCTYPE html>
<html><body><h1>Not found</h1><p>{{detail}}</p></body></html>`;

function errorPage(detail: string): string {
  return ERROR_PAGE.replace("{{detail}}", detail);
}

app.get("/orders/:id", (req, res) => {
  if (!/^\d+$/.test(req.params.id)) {
    // ruleid: js.xss-response
    res.status(404).send(errorPage(`No order ${req.params.id}`));
    return;
  }
  // ok: js.xss-response
  res.send(errorPage(`Order ${Number(req.params.id)} ships soon`));
});

// A service whose method keeps its argument in a field; another route reads it back.
class IntegrationRegistry {
  private readonly endpoints = new Map<string, string>();
  private readonly labels = new Map<string, string>();

  register(tenant: string, endpoint: string): void {
    this.endpoints.set(tenant, endpoint);
    this.labels.set(tenant, "integration");
  }

  async ping(tenant: string): Promise<number> {
    // ruleid: js.ssrf
    const res = await fetch(`${this.endpoints.get(tenant)}/health`);
    // ok: js.path-traversal-request
    await readFile(`/srv/labels/${this.labels.get(tenant)}.txt`);
    return res.status;
  }
}

const integrations = new IntegrationRegistry();

app.post("/integrations", express.json(), (req, res) => {
  integrations.register(String(req.body.tenant), String(req.body.endpoint));
  res.sendStatus(201);
});

app.get("/integrations/:tenant/ping", async (req, res) => {
  res.json({ status: await integrations.ping(req.params.tenant) });
});
