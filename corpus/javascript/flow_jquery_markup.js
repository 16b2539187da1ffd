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
