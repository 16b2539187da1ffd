// Methods a class inherits from a class of the file it extends, and objects its field
// initialisers make.
import nunjucks from "nunjucks";
import express, { type Request, type Response } from "express";
import { execFile } from "node:child_process";

export abstract class NotificationRenderer {
  protected readonly env = new nunjucks.Environment(null, { autoescape: true });

  protected renderSource(source: string, context: object): string {
    // ruleid: js.template-injection
    return this.env.renderString(source, context);
  }

  protected renderNamed(name: string, context: object): string {
    // ok: js.template-injection
    return this.env.render(`${name}.njk`, context);
  }

  abstract render(context: object): string;
}

export class OrderShippedRenderer extends NotificationRenderer {
  constructor(private readonly tenantTemplate: string) {
    super();
  }

  render(context: object): string {
    return this.renderSource(this.tenantTemplate, context);
  }
}

export class ReceiptRenderer extends NotificationRenderer {
  render(context: object): string {
    return this.renderNamed("receipt", context);
  }
}

class Tool {
  protected run(args: string[]): void {
    // ok: js.exec-command-variable
    // ruleid: js.argument-injection
    execFile("/usr/bin/convert", args);
  }
}

class Thumbnailer extends Tool {
  make(name: string): void {
    this.run(["-resize", "64x64", name, `${name}.thumb.png`]);
  }
}

export const router = express.Router();

router.post("/notifications/preview", (req: Request, res: Response) => {
  const { template } = req.body as { template: string };
  const html = new OrderShippedRenderer(template).render({ order: "SO-1" });
  res.json({ html, receipt: new ReceiptRenderer().render({}) });
});

router.post("/thumbnails", (req: Request, res: Response) => {
  new Thumbnailer().make(String(req.body.name).replace(/[^\w.-]/g, ""));
  res.sendStatus(202);
});
