// Properties set with Object.assign(target, { ... }) are set on the target like `el.prop = v`.
function renderTooltip() {
  const tip = new URLSearchParams(location.search).get("tip");
  const bubble = document.createElement("span");
  // ruleid: js.dom-html-injection
  Object.assign(bubble, { className: "tip", innerHTML: tip });
  const plain = document.createElement("span");
  // ok: js.dom-html-injection
  Object.assign(plain, { className: "tip", textContent: tip });
  const fixed = document.createElement("span");
  // ok: js.dom-html-injection
  Object.assign(fixed, { innerHTML: "<b>Tip</b>", title: tip });
  document.body.append(bubble, plain, fixed);
}

function loadWidget() {
  const src = location.hash.slice(1);
  const loader = document.createElement("script");
  // ruleid: js.dom-attribute-injection
  Object.assign(loader, { src, async: true });
  const local = document.createElement("script");
  // ok: js.dom-attribute-injection
  Object.assign(local, { src: "/static/widget.js", async: true });
  document.head.append(loader, local);
}

// Settings merged into a plain object are not the DOM.
function defaults(overrides) {
  // ok: js.dom-html-injection
  return Object.assign({}, { innerHTML: "" }, { innerHTML: location.hash });
}
