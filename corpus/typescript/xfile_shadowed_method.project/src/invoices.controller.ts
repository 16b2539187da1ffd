import { readFile } from "node:fs/promises";
import * as path from "node:path";
import type { Request, Response } from "express";
import { InvoiceRepository } from "./invoices.repository";

class RecentCustomers {
  private readonly seen: string[] = [];

  async find(customer: string) {
    return this.seen.filter((c) => c.startsWith(customer));
  }

  async download(id: string) {
    return readFile(path.join("/srv/invoices", id));
  }
}

export class InvoicesController {
  private readonly recent = new RecentCustomers();

  constructor(private readonly invoices: InvoiceRepository) {}

  async list(req: Request, res: Response) {
    const customer = String(req.query.customer ?? "");
    // ruleid: js.sql-injection-query
    res.json(await this.invoices.find(customer));
  }

  async pdf(req: Request, res: Response) {
    // ok: js.path-traversal-request
    const row = await this.invoices.download(req.params.id);
    res.type("application/pdf").send(row.pdf);
  }

  async suggestions(req: Request, res: Response) {
    res.json(await this.recent.find(String(req.query.prefix ?? "")));
  }
}
