// socket.io and ws servers: what a client sends with an event is untrusted.
const { Server } = require("socket.io");
const { WebSocketServer } = require("ws");
const fs = require("fs");
const path = require("path");
const { exec } = require("child_process");
const axios = require("axios");

const io = new Server(3000);
io.on("connection", (socket) => {
  socket.on("doc:open", (data) => {
    // ruleid: js.path-traversal-request
    fs.readFile(`/srv/docs/${data.file}`, "utf8", (err, text) => socket.emit("doc", text));
    // ok: js.path-traversal-request
    fs.readFile(path.join("/srv/docs", path.basename(data.file)), "utf8", (err, text) => socket.emit("doc", text));
  });
  socket.on("tool:run", (job) => {
    // ruleid: js.exec-command-interpolation
    exec(`convert ${job.input} out.png`, () => socket.emit("done"));
  });
  socket.on("disconnect", (reason) => {
    // ok: js.ssrf
    axios.get(reason);
  });
});

const wss = new WebSocketServer({ port: 8080 });
wss.on("connection", (ws) => {
  ws.on("message", async (raw) => {
    const msg = JSON.parse(raw.toString());
    // ruleid: js.ssrf
    await axios.get(msg.url);
    // ok: js.ssrf
    await axios.get("https://status.example.com/ping");
  });
});
