// An embeddable widget and a help panel that set DOM attributes from the page's address, another
// window's messages and a model's answer: script and frame addresses, link targets, event handler
// attributes and srcdoc, next to twins with fixed origins, encoded values and harmless attributes.
const CDN = "https://cdn.example.com/widgets/";

function loadWidget() {
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  const script = document.createElement("script");
  // ruleid: js.dom-attribute-injection
  script.src = config.src;
  document.body.appendChild(script);
}

function loadWidgetFromCdn() {
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  const script = document.createElement("script");
  // ok: js.dom-attribute-injection
  script.src = CDN + encodeURIComponent(config.name) + ".js";
  document.body.appendChild(script);
}

function loadWidgetPinned() {
  const config = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  const script = document.createElement("script");
  // ok: js.dom-attribute-injection
  script.src = `https://cdn.example.com/widgets/${config.name}.js`;
  document.body.appendChild(script);
}

function embedFrame() {
  const params = new URLSearchParams(location.search);
  const first = params.get("embed");
  const second = first;
  const frame = document.createElement("iframe");
  // ruleid: js.dom-attribute-injection
  frame.setAttribute("src", second);
  document.body.appendChild(frame);
}

function renderLink(link) {
  const params = new URLSearchParams(location.search);
  // ruleid: js.dom-attribute-injection
  link.setAttribute("href", params.get("next"));
  // ok: js.dom-attribute-injection
  link.setAttribute("class", params.get("theme"));
  // ok: js.dom-attribute-injection
  link.setAttribute("title", params.get("next"));
  // ruleid: js.dom-attribute-injection
  link.setAttribute("onclick", params.get("track"));
}

// ruleid: js.message-handler-no-origin-check
window.addEventListener("message", (event) => {
  const anchor = document.getElementById("partner-link");
  // ruleid: js.dom-attribute-injection
  anchor.href = event.data.url;
  // ok: js.dom-attribute-injection
  anchor.href = "/partners/" + event.data.slug;
  const form = document.forms.checkout;
  // ruleid: js.dom-attribute-injection
  form.action = event.data.endpoint;
});

function previewDocument() {
  const html = decodeURIComponent(location.hash.slice(1));
  const frame = document.getElementById("preview");
  // ruleid: js.dom-html-injection
  frame.srcdoc = html;
  // ok: js.dom-html-injection
  frame.srcdoc = DOMPurify.sanitize(html);
  // ruleid: js.dom-html-injection
  frame.setAttribute("srcdoc", html);
}

// Checking the sender's origin says which window sent the message, not that its text is markup:
// the trusted site may relay what its own users typed, or be the one with the hole. The data is
// still the other window's, so it still reaches innerHTML as HTML.
window.addEventListener("message", (event) => {
  if (event.origin !== "https://partner.example.com") return;
  // ruleid: js.dom-html-injection
  document.getElementById("partner-news").innerHTML = event.data.html;
  // ok: js.dom-html-injection
  document.getElementById("partner-news").textContent = event.data.html;
});
