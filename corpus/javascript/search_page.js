// Search results page (vanilla JS + a bit of jQuery).
const params = new URLSearchParams(location.search);
const query = params.get("q") || "";

async function renderResults() {
  const res = await fetch(`/api/search?q=${encodeURIComponent(query)}`);
  const items = await res.json();
  const list = document.getElementById("results");
  // ruleid: js.dom-html-injection
  list.innerHTML = items.map((i) => `<li><a href="${i.url}">${i.title}</a></li>`).join("");
  // ruleid: js.dom-html-injection
  document.querySelector("h1").innerHTML = "Results for " + query;
  // ok: js.dom-html-injection
  document.querySelector("#count").textContent = `${items.length} results`;
  // ok: js.dom-html-injection
  document.querySelector("#spinner").innerHTML = "";
}

function appendComment(comment) {
  const feed = document.getElementById("feed");
  // ruleid: js.dom-html-injection
  feed.insertAdjacentHTML("beforeend", `<div class="c"><b>${comment.author}</b> ${comment.body}</div>`);
  // ok: js.dom-html-injection
  feed.insertAdjacentHTML("afterbegin", "<hr>");
  // ruleid: js.dom-html-injection
  feed.innerHTML += comment.html;
  // ok: js.dom-html-injection
  feed.innerHTML = DOMPurify.sanitize(comment.html);
}

function legacyBanner() {
  // ruleid: js.dom-html-injection
  document.write("<p>Welcome back, " + decodeURIComponent(document.cookie.split("name=")[1]) + "</p>");
  // ok: js.dom-html-injection
  document.write("<p>Welcome!</p>");
  // ok: js.dom-html-injection
  logWriter.write(query);
}

function renderSnippet(html) {
  // ruleid: js.dom-html-injection
  const frag = document.createRange().createContextualFragment(html);
  document.body.appendChild(frag);
}

function showSuggestions(terms) {
  // ruleid: js.jquery-html-injection
  $("#suggest").html(`<strong>${query}</strong>: ` + terms.join(", "));
  // ok: js.jquery-html-injection
  $("#suggest-title").text(query);
  const $list = $("#suggest-list");
  for (const t of terms) {
    // ruleid: js.jquery-html-injection
    $list.append("<li>" + t + "</li>");
    // ok: js.jquery-html-injection
    $list.append($("<li>").text(t));
  }
  // ruleid: js.jquery-html-injection
  $list.html(terms.length ? null : params.get("empty"));
  // ok: js.jquery-html-injection
  jQuery(".hint").html("<em>Tip: use quotes</em>");
}

// Copied without its closing braces from an answer:
function renderPreview(md) {
  const html = marked.parse(md);
  // ruleid: js.dom-html-injection
  preview.innerHTML = html;
  if (html.length > 0) {
