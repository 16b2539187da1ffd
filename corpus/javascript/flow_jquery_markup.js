// jQuery given markup built from the page's address, and services with a method called `download`.
const axios = require("axios");

function showTags() {
  const tag = decodeURIComponent(location.hash.slice(1));
  // ruleid: js.jquery-html-injection
  $("<span class='tag'>" + tag + "</span>").appendTo("#tags");
  // ok: js.jquery-html-injection
  $("<span class='tag'>").text(tag).appendTo("#tags");
  // ruleid: js.jquery-html-injection
  jQuery(`<li data-tag="${tag}">${tag}</li>`).appendTo("#list");
  // ok: js.jquery-html-injection
  $(`#tag-${CSS.escape(tag)}`).addClass("active");
  // ok: js.jquery-html-injection
  $("<li>" + escapeHtml(tag) + "</li>").appendTo("#list");
}

function showAuthor() {
  const author = new URLSearchParams(location.search).get("author");
  // ok: js.jquery-html-injection
  $("#byline").append($("<em>").text(author));
  // ruleid: js.jquery-html-injection
  $("#byline").append($("<em>").html(author));
  // ok: js.jquery-html-injection
  $("#byline").prepend($("<em>").text(author).html());
}

// A jQuery object held in a name without a `$`.
function showNote() {
  const note = new URLSearchParams(location.search).get("note");
  const row = $("<div class='note'></div>");
  // ruleid: js.jquery-html-injection
  row.html("<b>Note:</b> " + note);
  const safeRow = $("<div class='note'></div>");
  // ok: js.jquery-html-injection
  safeRow.text(note);
  $("#notes").append(row, safeRow);
}

class Mirror {
  download(url, dest) {
    // ruleid: js.ssrf
    return axios.get(url, { responseType: "stream" }).then((r) => r.data.pipe(require("fs").createWriteStream(dest)));
  }
}
const mirror = new Mirror();

app.post("/mirror", async (req, res) => {
  // ok: js.path-traversal-request
  await mirror.download(req.body.source, "/tmp/mirror.bin");
  res.sendStatus(202);
});

app.get("/exports", (req, res) => {
  // ruleid: js.path-traversal-request
  res.download(`/srv/exports/${req.query.file}`);
});

function showGreeting() {
  const who = new URLSearchParams(location.search).get("who") || "";
  // ruleid: js.jquery-html-injection
  $("#greeting").append(who);
  // ok: js.jquery-html-injection
  $("#greeting").append(escapeHtml(who));
  const $list = $("#recent");
  // ruleid: js.jquery-html-injection
  $list.prepend(who);
  const label = "<em>new</em>";
  // ok: js.jquery-html-injection
  $list.html(label);
}

// An element's own markup read with `.html()` and written back trimmed: nothing new is parsed.
function trimLabels() {
  $(".inline-label").each(function () {
    const $label = $(this);
    // ok: js.jquery-html-injection
    $label.html($label.html().replace(/^\s+|\s+$/g, ""));
  });
}

// Its text read with `.text()` is decoded: `&lt;script&gt;` comes back as a tag.
function trimLabelsFromText() {
  $(".inline-label").each(function () {
    const $label = $(this);
    // ruleid: js.jquery-html-injection
    $label.html($label.text().replace(/^\s+|\s+$/g, ""));
  });
}

// `$(sel).each` passes the element's position first: a number.
function renumberLabels() {
  $(".inline-label").each(function (i) {
    const count = i + 1;
    // ok: js.jquery-html-injection
    $(this).html($(this).html().replace(/#\d+/g, "#" + count));
  });
}

// `$.each` over an object passes its keys first, which the data names.
function relabelByKey(labels) {
  $.each(labels, function (key) {
    const count = key + 1;
    // ruleid: js.jquery-html-injection
    $(".inline-label").html($(".inline-label").html().replace(/#\d+/g, "#" + count));
  });
}

// `$(value)` parses a value that starts with `<` as HTML; a selector prefix keeps it a selector.
function openPanel() {
  const panel = decodeURIComponent(window.location.hash.slice(1));
  // ruleid: js.jquery-html-injection
  $(panel).addClass("open");
  // ok: js.jquery-html-injection
  $("#panel-" + panel).addClass("open");
  const fromLink = location.hash;
  const target = fromLink;
  const selected = target;
  // ruleid: js.jquery-html-injection
  jQuery(selected).show();
  const fixed = "#main";
  // ok: js.jquery-html-injection
  $(fixed).show();
}

function previewFromQuery() {
  const q = new URLSearchParams(location.search).get("q");
  const row = "<li class='hit'>" + q + "</li>";
  // ruleid: js.jquery-html-injection
  $(row).appendTo("#hits");
  // ok: js.jquery-html-injection
  $("<li class='hit'>").text(q).appendTo("#hits");
}

// A new element with an attribute set from the address: appending it adds no markup.
function addTagChip($list) {
  const tag = new URLSearchParams(location.search).get("tag") || "";
  const $chip = $("<span>", { class: "chip" }).attr("data-tag", tag);
  // ok: js.jquery-html-injection
  $list.append($chip);
  // ruleid: js.jquery-html-injection
  $list.append("<span class='chip'>" + tag + "</span>");
}
