// Browser page: renders a greeting, search terms and messages from an embedding page.
const params = new URLSearchParams(window.location.search);
const banner = document.getElementById("banner");

function showGreeting() {
  const name = params.get("name") || "guest";
  // ruleid: js.dom-html-injection
  banner.innerHTML = "<h2>Hello " + name + "</h2>";
}

function showGreetingSafe() {
  const name = params.get("name") || "guest";
  // ok: js.dom-html-injection
  banner.innerHTML = "<h2>Hello " + DOMPurify.sanitize(name) + "</h2>";
}

function showStaticHelp() {
  const help = "<p>Type a term and press Enter.</p>";
  const wrapped = `<div class="help">${help}</div>`;
  // ok: js.dom-html-injection
  document.getElementById("help").innerHTML = wrapped;
}

function renderHash() {
  const fragment = decodeURIComponent(location.hash.slice(1));
  const heading = fragment;
  const markup = `<h3>${heading}</h3>`;
  // ruleid: js.dom-html-injection
  document.getElementById("title").innerHTML = markup;
}

function renderCount(count) {
  const total = Number(count);
  // ok: js.dom-html-injection
  document.getElementById("count").innerHTML = `<b>${total}</b> results`;
}

function renderPanel(html) {
  // ruleid: js.dom-html-injection
  document.getElementById("panel").innerHTML = html;
}

// ruleid: js.message-handler-no-origin-check
window.addEventListener("message", (event) => {
  renderPanel(event.data.html);
  // ruleid: js.dom-html-injection
  document.getElementById("log").insertAdjacentHTML("beforeend", `<li>${event.data.text}</li>`);
  // ok: js.dom-html-injection
  document.getElementById("log").insertAdjacentHTML("beforeend", `<li>${escapeHtml(event.data.text)}</li>`);
});

function renderWindowName() {
  // ruleid: js.dom-html-injection
  document.getElementById("name").innerHTML = window.name;
}

// The listener written as a function of the file and passed by name.
function onNotice(event) {
  const notice = event.data;
  // ruleid: js.dom-html-injection
  document.getElementById("notices").innerHTML = `<li>${notice.text}</li>`;
  // ok: js.dom-html-injection
  document.getElementById("notices").textContent = notice.text;
}

function onResize(size) {
  // ok: js.dom-html-injection
  document.getElementById("size").innerHTML = `<b>${Number(size.width)}</b>`;
}

window.addEventListener("message", onNotice);
window.addEventListener("resize", onResize);
