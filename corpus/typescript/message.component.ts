// An Angular component and a NestJS controller, as generated for an admin dashboard.
import { Component, OnInit } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";
import { Body, Controller, Post } from "@nestjs/common";
import * as jwt from "jsonwebtoken";
import * as crypto from "crypto";
import DOMPurify from "dompurify";

@Component({ selector: "app-message", template: `<div [innerHTML]="content"></div>` })
export class MessageComponent implements OnInit {
  content: SafeHtml = "";
  frame: SafeResourceUrl = "";

  constructor(private sanitizer: DomSanitizer, private route: ActivatedRoute) {}

  ngOnInit(): void {
    const msg: string = this.route.snapshot.queryParams["msg"];
    // ruleid: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(msg);
    // ruleid: ts.angular-bypass-security-trust
    this.frame = this.sanitizer.bypassSecurityTrustResourceUrl(`https://embed.example.com/${msg}`);
    // ok: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml("<b>Welcome</b>");
    // ok: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(msg));
  }
}

interface LoginDto {
  email: string;
  password: string;
}

// ruleid: js.hardcoded-password
const ADMIN_PASSWORD: string = "admin123";
// ok: js.hardcoded-password
const ADMIN_PASSWORD_ENV: string = "ADMIN_PASSWORD";
// ruleid: js.secret-env-fallback
const JWT_SECRET: string = process.env.JWT_SECRET ?? "dev-secret";
// ok: js.secret-env-fallback
const JWT_TTL: string = process.env.JWT_TTL ?? "1h";

@Controller("auth")
export class AuthController {
  @Post("login")
  login(@Body() dto: LoginDto): { token: string } {
    // ruleid: js.hardcoded-jwt-secret
    const token = jwt.sign({ sub: dto.email }, "nest-secret", { expiresIn: "1h" });
    // ok: js.hardcoded-jwt-secret
    const token2 = jwt.sign({ sub: dto.email }, JWT_SECRET, { expiresIn: "1h" });
    return { token: token || token2 };
  }

  hashPassword(dto: LoginDto): string {
    // ruleid: js.fast-password-hash
    return crypto.createHash("sha256").update(dto.password).digest("hex");
  }

  keys(): crypto.KeyPairSyncResult<string, string> {
    // ruleid: js.rsa-short-key
    return crypto.generateKeyPairSync("rsa", {
      modulusLength: 1024,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
  }
}
