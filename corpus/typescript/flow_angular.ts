// Angular components that trust HTML, styles and URLs: some values come from the address bar,
// some are constant or sanitised first.
import { Component, OnInit, SecurityContext } from "@angular/core";
import { DomSanitizer, SafeHtml, SafeResourceUrl } from "@angular/platform-browser";
import { ActivatedRoute } from "@angular/router";
import DOMPurify from "dompurify";

const BANNER = "<strong>Scheduled maintenance</strong> on Sunday";

@Component({ selector: "app-notice", template: "<div [innerHTML]='content'></div>" })
export class NoticeComponent implements OnInit {
  content: SafeHtml = "";
  frame: SafeResourceUrl = "";

  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    const note = this.route.snapshot.queryParamMap.get("note") ?? "";
    // ruleid: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(note);
  }

  showBanner(): void {
    const note = BANNER;
    // ok: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(note);
  }

  showChain(): void {
    const first = this.route.snapshot.fragment ?? "";
    const second = first.trim();
    const third = `<p>${second}</p>`;
    // ruleid: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(third);
  }

  showChainSanitised(): void {
    const first = this.route.snapshot.fragment ?? "";
    const second = this.sanitizer.sanitize(SecurityContext.HTML, first) ?? "";
    const third = `<p>${second}</p>`;
    // ok: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(third);
  }

  embed(): void {
    const video = this.route.snapshot.paramMap.get("video");
    // ruleid: ts.angular-bypass-security-trust
    this.frame = this.sanitizer.bypassSecurityTrustResourceUrl(this.embedUrl(video ?? ""));
  }

  embedFixed(): void {
    const video = "intro";
    const url = "https://video.example.com/embed/" + video;
    // ok: ts.angular-bypass-security-trust
    this.frame = this.sanitizer.bypassSecurityTrustResourceUrl(url);
  }

  preview(): void {
    const draft = this.route.snapshot.queryParams["draft"];
    // ruleid: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(`<article>${draft}</article>`);
  }

  previewPurified(): void {
    const draft = DOMPurify.sanitize(this.route.snapshot.queryParams["draft"]);
    // ok: ts.angular-bypass-security-trust
    this.content = this.sanitizer.bypassSecurityTrustHtml(`<article>${draft}</article>`);
  }

  private embedUrl(id: string): string {
    return "https://video.example.com/embed/" + id;
  }
}
