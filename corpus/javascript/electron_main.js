// Electron main process and a small static server for the desktop app's update feed.
const { app, BrowserWindow } = require("electron");
const path = require("path");
const fs = require("fs");
const express = require("express");
const serveIndex = require("serve-index");

function createWindow() {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      // ruleid: js.electron-node-integration
      nodeIntegration: true,
      // ruleid: js.electron-context-isolation-off
      contextIsolation: false,
      // ruleid: js.electron-web-security-off
      webSecurity: false,
    },
  });
  win.loadURL("https://app.example.com");
}

function createSafeWindow() {
  return new BrowserWindow({
    webPreferences: {
      preload: path.join(__dirname, "preload.js"),
      // ok: js.electron-node-integration
      nodeIntegration: false,
      // ok: js.electron-context-isolation-off
      contextIsolation: true,
      // ok: js.electron-web-security-off
      webSecurity: true,
      // ok: js.electron-web-security-off
      allowRunningInsecureContent: false,
    },
  });
}

function createWorkerWindow() {
  return new BrowserWindow({
    webPreferences: {
      // ruleid: js.electron-node-integration
      nodeIntegrationInWorker: true,
      // ruleid: js.electron-context-isolation-off
      contextIsolation: false,
      // ruleid: js.electron-web-security-off
      allowRunningInsecureContent: true,
      // ok: js.electron-node-integration
      spellcheck: true,
      // ok: js.electron-context-isolation-off
      sandbox: false,
    },
  });
}

const feed = express();
// ruleid: js.express-static-dotfiles
feed.use(express.static(__dirname, { dotfiles: "allow" }));
// ruleid: js.express-static-dotfiles
feed.use("/releases", express.static(path.join(__dirname, "releases"), { dotfiles: 'allow', maxAge: "1d" }));
// ok: js.express-static-dotfiles
feed.use(express.static(path.join(__dirname, "public"), { dotfiles: "deny" }));
// ok: js.express-static-dotfiles
feed.use(express.static(path.join(__dirname, "public")));
// ruleid: js.directory-listing
feed.use("/releases", serveIndex(path.join(__dirname, "releases"), { icons: true }));
// ruleid: js.directory-listing
feed.use(serveIndex("logs"));
// ok: js.directory-listing
feed.get("/releases", (req, res) => res.json(fs.readdirSync("releases")));
// ok: js.directory-listing
feed.use(express.json());

function prepareCache() {
  // Creation modes are filtered by the umask.
  // ok: js.umask-zero
  fs.mkdirSync(path.join(app.getPath("userData"), "cache"), { recursive: true, mode: 0o777 });
  // ruleid: js.umask-zero
  process.umask(0);
  // ruleid: js.umask-zero
  process.umask(0o000);
  // ok: js.umask-zero
  process.umask(0o022);
}

function currentUmask() {
  // ok: js.umask-zero
  const mask = process.umask(0);
  process.umask(mask);
  return mask;
}

function extractShared(archive, target) {
  // ruleid: js.umask-zero
  const previous = process.umask(0);
  archive.extractAllTo(target);
  process.umask(previous);
}

app.whenReady().then(() => {
  prepareCache();
  createWindow();
  createSafeWindow();
  createWorkerWindow();
  feed.listen(4000);
});
