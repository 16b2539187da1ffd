// Assorted front-end and API code: links, Vue widgets, Handlebars helpers, Mongo queries, sockets.
import Handlebars from "handlebars";
import DOMPurify from "dompurify";
import { h } from "vue";

export function ProfileLink({ user }) {
  return (
    <div>
      {/* ruleid: js.javascript-url */}
      <a href={`javascript:showProfile('${user.name}')`}>profile</a>
      {/* ok: js.javascript-url */}
      <a href="javascript:void(0)">noop</a>
      {/* ok: js.javascript-url */}
      <a href={`/users/${user.id}`}>page</a>
    </div>
  );
}

export function openAction(action) {
  // ruleid: js.javascript-url
  window.location.href = "javascript:" + action;
  // ok: js.javascript-url
  window.location.href = "https://example.com/" + action;
}

export const Bio = {
  props: ["bio"],
  // ruleid: js.vue-v-html
  template: `<div class="bio" v-html="bio"></div>`,
};

export const Comment = {
  props: ["comment"],
  // ok: js.vue-v-html
  template: `<p>{{ comment.text }}</p>`,
};

export const SafeBio = {
  props: ["bio"],
  // ok: js.vue-v-html
  template: '<div v-html="sanitize(bio)"></div>',
};

export const Legacy = {
  render(createElement) {
    // ruleid: js.vue-v-html
    return createElement("div", { domProps: { innerHTML: this.html } });
  },
};

export const Modern = {
  setup(props) {
    // ruleid: js.vue-v-html
    return () => h("div", { innerHTML: props.html });
  },
};

export const ModernSafe = {
  setup(props) {
    // ok: js.vue-v-html
    return () => h("div", { innerHTML: DOMPurify.sanitize(props.html) });
  },
};

// ruleid: js.handlebars-safestring
Handlebars.registerHelper("link", (text, url) => new Handlebars.SafeString(`<a href="${url}">${text}</a>`));
// ruleid: js.handlebars-safestring
Handlebars.registerHelper("bold", (text) => new Handlebars.SafeString("<b>" + text + "</b>"));
Handlebars.registerHelper("boldSafe", (text) =>
  // ok: js.handlebars-safestring
  new Handlebars.SafeString("<b>" + Handlebars.escapeExpression(text) + "</b>"),
);
// ok: js.handlebars-safestring
Handlebars.registerHelper("hr", () => new Handlebars.SafeString("<hr/>"));

// A helper of the file that escapes every piece it joins around its own markup.
const { escapeExpression } = Handlebars.Utils;
function markTerm(text, term) {
  const at = text.toLowerCase().indexOf(term.toLowerCase());
  if (at === -1) return escapeExpression(text);
  return (
    escapeExpression(text.slice(0, at)) +
    "<mark>" +
    escapeExpression(text.slice(at, at + term.length)) +
    "</mark>" +
    escapeExpression(text.slice(at + term.length))
  );
}
function markTermLoose(text, term) {
  return text.split(term).join("<mark>" + term + "</mark>");
}
// ok: js.handlebars-safestring
Handlebars.registerHelper("mark", (text, term) => new Handlebars.SafeString(markTerm(String(text), String(term))));
// ruleid: js.handlebars-safestring
Handlebars.registerHelper("markLoose", (text, term) => new Handlebars.SafeString(markTermLoose(String(text), String(term))));

export async function searchUsers(db, req, res) {
  // ruleid: js.nosql-where
  const byName = await db.collection("users").find({ $where: `this.name == '${req.query.name}'` }).toArray();
  // ruleid: js.nosql-where
  const byAge = await db.collection("users").find({ "$where": "this.age > " + req.query.age }).toArray();
  // ok: js.nosql-where
  const active = await db.collection("users").find({ $where: "this.active === true" }).toArray();
  // ok: js.nosql-where
  const plain = await db.collection("users").find({ name: String(req.query.name) }).toArray();
  res.json({ byName, byAge, active, plain });
}

export async function login(User, req, res) {
  // ruleid: js.nosql-operator-injection
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  // ruleid: js.nosql-operator-injection
  const again = await User.find({ username: req.query.username });
  // ok: js.nosql-operator-injection
  const safe = await User.findOne({ email: String(req.body.email) });
  // ok: js.nosql-operator-injection
  const byId = await User.findOne({ _id: req.params.id });
  res.json({ user, again, safe, byId });
}

export async function koaLogin(ctx, User) {
  // ruleid: js.nosql-operator-injection
  ctx.body = await User.findOne({ token: ctx.request.body.token });
}

// ruleid: js.redos-nested-quantifier
const EMAIL = /^([a-zA-Z0-9]+)*@example\.com$/;
// ruleid: js.redos-nested-quantifier
const WORDS = /^(\w+\s?)*$/;
// ruleid: js.redos-nested-quantifier
const ANY = new RegExp("(.*)*x");
// ok: js.redos-nested-quantifier
const VERSION = /^(\d+\.)*\d+$/;
// ok: js.redos-nested-quantifier
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// ok: js.redos-nested-quantifier
const HEX = new RegExp("^(0x)?[0-9a-f]+$");

// ruleid: js.message-handler-no-origin-check
window.addEventListener("message", (event) => {
  document.getElementById("out").textContent = event.data.text;
});

// ok: js.message-handler-no-origin-check
window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  document.getElementById("out").textContent = event.data.text;
});

// ruleid: js.message-handler-no-origin-check
window.onmessage = function (e) {
  runCommand(e.data);
};

// ok: js.message-handler-no-origin-check
window.addEventListener("resize", () => relayout());

// Channels without another origin's sender: a tab of this site, the other end of a port, the
// page's own worker.
const tabs = new BroadcastChannel("session");
// ok: js.message-handler-no-origin-check
tabs.addEventListener("message", (event) => applySession(event.data));
const { port1 } = new MessageChannel();
// ok: js.message-handler-no-origin-check
port1.onmessage = (event) => applySession(event.data);
const indexer = new Worker("/indexer.js");
// ok: js.message-handler-no-origin-check
indexer.onmessage = (event) => showResults(event.data);

// ok: js.message-handler-no-origin-check
window.addEventListener("message", ({ source, data }) => {
  if (source === window && data === tickToken) runNextTick();
});

// ruleid: js.message-handler-no-origin-check
window.addEventListener("message", ({ source, data }) => {
  replyTo(source, runCommand(data));
});

// ruleid: js.insecure-websocket
const live = new WebSocket("ws://api.example.com/live");
// ruleid: js.insecure-websocket
const chat = io("http://chat.example.com");
// ok: js.insecure-websocket
const secure = new WebSocket("wss://api.example.com/live");
// ok: js.insecure-websocket
const local = new WebSocket("ws://localhost:8080/dev");

export function saveLogin(data) {
  // ruleid: js.auth-cookie-script-readable
  document.cookie = `token=${data.accessToken}; path=/`;
  // ruleid: js.auth-cookie-script-readable
  document.cookie = "session_id=" + data.sessionId;
  // ok: js.auth-cookie-script-readable
  document.cookie = `theme=${data.theme}; path=/`;
  // ok: js.auth-cookie-script-readable
  document.cookie = "consent=yes; path=/";
}

export function verifyWebhook(req, res, expected, crypto) {
  // ruleid: js.timing-unsafe-compare
  if (req.headers["x-hub-signature"] !== expected) return res.sendStatus(401);
  const signature = req.get("X-Signature");
  // ruleid: js.timing-unsafe-compare
  if (signature === computeHmac(req.rawBody)) return res.sendStatus(200);
  // ok: js.timing-unsafe-compare
  if (signature === undefined) return res.sendStatus(400);
  // ok: js.timing-unsafe-compare
  if (signature.length !== expected.length) return res.sendStatus(401);
  // ok: js.timing-unsafe-compare
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

export { live, chat, secure, local, EMAIL, WORDS, ANY, VERSION, SLUG, HEX };
