// A request body read as a stream, strings built inside callbacks, and an Electron main process.
const http = require("http");
const fs = require("fs");
const path = require("path");
const { app, BrowserWindow, ipcMain } = require("electron");

http
  .createServer((req, res) => {
    let body = "";
    let size = 0;
    req.on("data", (chunk) => {
      body += chunk;
      size += chunk.length;
    });
    req.on("end", () => {
      // ruleid: js.eval-dynamic
      const settings = eval("(" + body + ")");
      // ok: js.eval-dynamic
      const limits = eval("(" + JSON.stringify({ max: 10 }) + ")");
      res.end(JSON.stringify({ settings, limits, size }));
    });
  })
  .listen(8080);

function renderTags() {
  const tags = decodeURIComponent(location.hash.slice(1)).split(",");
  let list = "";
  tags.forEach(function (tag) {
    list += "<li>" + tag + "</li>";
  });
  // ruleid: js.jquery-html-injection
  $("#tags").html(list);
  let counts = "";
  tags.forEach(function (tag) {
    const list = tag.trim();
    counts += "<li>" + list.length + "</li>";
  });
  // ok: js.jquery-html-injection
  $("#counts").html(counts);
}

const themesDir = path.join(__dirname, "themes");
let win;

ipcMain.handle("load-theme", async (_event, themeName) => {
  // ruleid: js.path-traversal-request
  return fs.readFileSync(path.join(themesDir, themeName + ".css"), "utf8");
});

ipcMain.handle("load-default-theme", async (_event) => {
  // ok: js.path-traversal-request
  return fs.readFileSync(path.join(themesDir, "default.css"), "utf8");
});

ipcMain.on("highlight", (_event, selector) => {
  // ruleid: js.eval-dynamic
  win.webContents.executeJavaScript(`document.querySelector("${selector}").classList.add("hit")`);
  // ok: js.eval-dynamic
  win.webContents.executeJavaScript("document.body.classList.add('ready')");
});

app.whenReady().then(() => {
  win = new BrowserWindow({ width: 800, height: 600 });
  renderTags();
});

function firstMatch(req, res) {
  let cmd = "true";
  for (const name of req.query.files) {
    if (name.endsWith(".log")) {
      cmd = `tail -n 20 ${name}`;
      break;
    }
  }
  // ruleid: js.exec-command-variable
  require("child_process").exec(cmd, (err, out) => res.send(out));
}
