// Notification banner widget (plain browser script).
const params = new URLSearchParams(window.location.search);

function showNotice(text) {
  const el = document.getElementById("notice");
  el.textContent = text;
}

// ruleid: js.timer-string-code
setTimeout("showNotice('" + params.get("msg") + "')", 500);

// ruleid: js.timer-string-code
window.setInterval(`refreshPanel("${params.get("panel")}")`, 10000);

// ruleid: js.timer-string-code
setTimeout("hideNotice()", 3000);

// ok: js.timer-string-code
setTimeout(() => showNotice(params.get("msg")), 500);

// ok: js.timer-string-code
const handle = window.setInterval(refreshPanel, 10000);

function refreshPanel(name) {
  fetch(`/panels/${encodeURIComponent(name)}`).then((r) => r.text());
}

// ok: js.timer-string-code
clearTimeout(handle);

// ok: js.eval-dynamic
window.evaluate(params.get("q"));

// ruleid: js.eval-dynamic
window.eval(localStorage.getItem("userScript"));

// Unfinished snippet pasted from a chat answer:
function restoreWidgets(saved) {
  for (const w of saved) {
    // ruleid: js.timer-string-code
    setTimeout(w.init + "()", w.delay);

// A string from the page's address given to a timer runs as code.
function scheduleFromHash() {
  const config = JSON.parse(decodeURIComponent(window.location.hash.slice(1)) || '{}');
  // ruleid: js.eval-dynamic
  setTimeout(config.onload, 100);
  // ok: js.eval-dynamic
  setTimeout(() => console.log(config.onload), 100);
}
