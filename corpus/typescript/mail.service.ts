// NestJS services and a React preview component written by an assistant.
import { Injectable } from "@nestjs/common";
import { Request, Response } from "express";
import helmet from "helmet";
import Stripe from "stripe";

@Injectable()
export class MailService {
  // ruleid: ts.hardcoded-password-field
  private readonly password = "mailpass1";
  // ruleid: ts.hardcoded-password-field
  protected apiKey: string = "demo-1234";
  // ok: ts.hardcoded-password-field
  private readonly passwordEnv = process.env.SMTP_PASSWORD;
  // ok: ts.hardcoded-password-field
  private readonly passwordLabel = "Password";
  // ok: ts.hardcoded-password-field
  private token = "";
}

// ruleid: ts.hardcoded-password-default
export function connect(user = "root", password: string = "root123"): string {
  return `${user}:${password.length}`;
}

export class Client {
  // ruleid: ts.hardcoded-password-default
  constructor(private readonly apiKey: string = "demo42") {}
}

// ok: ts.hardcoded-password-default
export function connectSafe(user = "root", password: string = process.env.DB_PASSWORD ?? ""): string {
  return user + password.length;
}

// ok: ts.hardcoded-password-default
export function field(name = "password", label = "Password"): string {
  return `${name}:${label}`;
}

export function stripeClient(): Stripe {
  // ruleid: js.secret-in-public-env
  return new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY as string);
}

export function supabaseAdmin(): string | undefined {
  // ruleid: js.secret-in-public-env
  return import.meta.env.VITE_SUPABASE_SERVICE_ROLE_KEY;
}

export function publicKeys(): (string | undefined)[] {
  // ok: js.secret-in-public-env
  const pk = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  // ok: js.secret-in-public-env
  const sk = process.env.STRIPE_SECRET_KEY;
  return [pk, sk];
}

export const csp = helmet.contentSecurityPolicy({
  directives: {
    // ruleid: js.csp-unsafe-script
    scriptSrc: ["'self'", "'unsafe-inline'"],
    // ok: js.csp-unsafe-script
    styleSrc: ["'self'", "'unsafe-inline'"],
  },
});

export function setCsp(req: Request, res: Response): void {
  // ruleid: js.csp-unsafe-script
  res.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-eval'");
  // ok: js.csp-unsafe-script
  res.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-abc'");
}

export async function register(req: Request, res: Response, User: any, prisma: any): Promise<void> {
  // ruleid: js.mass-assignment
  const user = await User.create(req.body);
  // ruleid: js.mass-assignment
  await prisma.user.update({ where: { id: req.params.id }, data: req.body });
  // ok: js.mass-assignment
  const safe = await User.create({ name: req.body.name, email: req.body.email });
  // ok: js.mass-assignment
  await prisma.user.create({ data: { name: req.body.name } });
  res.json({ user, safe });
}
