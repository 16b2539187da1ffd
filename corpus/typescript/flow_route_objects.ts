// What a single-page app reads from its address through Vue Router and Angular's ActivatedRoute.
import { useRoute } from "vue-router";
import { Component, OnInit } from "@angular/core";
import { ActivatedRoute } from "@angular/router";
import DOMPurify from "dompurify";

export function mountNotice(target: HTMLElement): void {
  const route = useRoute();
  const notice = route.query.notice as string;
  // ruleid: js.dom-html-injection
  target.innerHTML = notice;
  // ok: js.dom-html-injection
  target.innerHTML = DOMPurify.sanitize(notice);
}

export const legacyMixin = {
  mounted(this: { $route: { query: Record<string, string> }; $el: HTMLElement }) {
    const heading = this.$route.query.heading;
    // ruleid: js.dom-html-injection
    this.$el.innerHTML = `<h2>${heading}</h2>`;
    // ok: js.dom-html-injection
    this.$el.innerHTML = `<h2>${heading.length}</h2>`;
  },
};

@Component({ selector: "app-crumb", template: `<nav></nav>` })
export class CrumbComponent implements OnInit {
  constructor(private route: ActivatedRoute, private host: HTMLElement) {}

  ngOnInit(): void {
    const section = this.route.snapshot.paramMap.get("section") ?? "";
    const tab = this.route.queryParamMap;
    tab.subscribe((m) => {
      // ruleid: js.dom-html-injection
      this.host.innerHTML = `<b>${m.get("tab")}</b>`;
      // ok: js.dom-html-injection
      this.host.innerHTML = `<b>${Number(m.get("tab"))}</b>`;
    });
    // ok: js.dom-html-injection
    this.host.textContent = section;
  }
}
