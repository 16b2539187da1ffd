// OAuth popup callback page script.
const params = new URLSearchParams(window.location.search);
const accessToken = params.get("access_token");

if (window.opener) {
  // ruleid: js.postmessage-any-origin
  window.opener.postMessage({ type: "oauth", token: accessToken }, "*");
}

function notifyParent(session) {
  // ruleid: js.postmessage-any-origin
  window.parent.postMessage(JSON.stringify({ session }), "*");
}

function sendCredentials(frame, credentials) {
  // ruleid: js.postmessage-any-origin
  frame.contentWindow.postMessage(credentials, { targetOrigin: "*" });
}

// ok: js.postmessage-any-origin
window.parent.postMessage({ type: "resize", height: document.body.scrollHeight }, "*");

// ok: js.postmessage-any-origin
window.opener && window.opener.postMessage({ type: "oauth", token: accessToken }, "https://app.example.com");

// ok: js.postmessage-any-origin
worker.postMessage({ token: accessToken });

if (params.has("redirect")) {
  // ruleid: js.open-redirect
  window.location.href = params.get("redirect");
}

// ruleid: js.open-redirect
location = new URLSearchParams(location.search).get("to");

// ok: js.open-redirect
window.location.href = "/dashboard";
