// Widgets and analytics loaded by adding script and frame elements whose names say nothing.
const params = new URLSearchParams(window.location.search);

function loadWidget() {
  const el = document.createElement("script");
  // ruleid: js.dom-attribute-injection
  el.src = params.get("widget");
  document.head.appendChild(el);
}

function loadFromHash() {
  const s = document.createElement("script");
  const source = location.hash.slice(1);
  // ruleid: js.dom-attribute-injection
  s.src = source;
  document.body.appendChild(s);
}

function embedPreview() {
  const frame = document.createElement("iframe");
  // ruleid: js.dom-attribute-injection
  frame.src = new URLSearchParams(location.search).get("preview");
  document.body.appendChild(frame);
}

function loadFixed() {
  const s = document.createElement("script");
  // ok: js.dom-attribute-injection
  s.src = "https://cdn.example.com/widget.js";
  document.body.appendChild(s);
}

function loadFromCdn() {
  const s = document.createElement("script");
  // ok: js.dom-attribute-injection
  s.src = `https://cdn.example.com/widgets/${encodeURIComponent(params.get("widget"))}.js`;
  document.body.appendChild(s);
}

function showAvatar() {
  const img = document.createElement("img");
  // ok: js.dom-attribute-injection
  img.src = params.get("avatar");
  document.body.appendChild(img);
}
