// A Lit banner that shows what the page's address says, as markup or as text.
import { html } from "lit";
import { unsafeHTML } from "lit/directives/unsafe-html.js";

export function searchBanner() {
  const query = new URLSearchParams(location.search).get("q") ?? "";
  // ruleid: js.dom-html-injection
  const raw = unsafeHTML(query);
  // ok: js.dom-html-injection
  const heading = unsafeHTML("<b>Search</b>");
  return html`<p>${heading}</p><p>${raw}</p><p>${query}</p>`;
}
