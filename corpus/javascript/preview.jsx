// Preview panel and profile API for a site builder.
import express from "express";

export function Preview({ url }) {
  return (
    <section>
      {/* ruleid: js.iframe-sandbox-escape */}
      <iframe src={url} sandbox="allow-scripts allow-same-origin" />
      {/* ok: js.iframe-sandbox-escape */}
      <iframe src={url} sandbox="allow-scripts allow-forms" />
      {/* ok: js.iframe-sandbox-escape */}
      <iframe src={url} sandbox="" />
    </section>
  );
}

export function mountPreview(frame) {
  // ruleid: js.iframe-sandbox-escape
  frame.setAttribute("sandbox", "allow-same-origin allow-popups allow-scripts");
  // ok: js.iframe-sandbox-escape
  frame.setAttribute("sandbox", "allow-same-origin");
}

// ruleid: js.hardcoded-password-default
export function createClient({ host = "localhost", password = "admin123" } = {}) {
  return { host, password };
}

// ruleid: js.hardcoded-password-default
export function login(user, apiKey = "demo42") {
  return { user, apiKey };
}

// ok: js.hardcoded-password-default
export function loginSafe(user, apiKey = process.env.API_KEY) {
  return { user, apiKey };
}

// ok: js.hardcoded-password-default
export function passwordInput(type = "password", autoComplete = "current-password") {
  return { type, autoComplete };
}

const app = express();
app.put("/profile/:id", async (req, res) => {
  // ruleid: js.mass-assignment
  const updated = await Profile.findByIdAndUpdate(req.params.id, req.body, { new: true });
  // ruleid: js.mass-assignment
  const created = new Profile(req.body);
  // ok: js.mass-assignment
  const picked = new Profile({ bio: req.body.bio });
  // ok: js.mass-assignment
  const found = await Profile.findById(req.params.id);
  res.json({ updated, created, picked, found });
});

// ruleid: js.secret-in-public-env
const adminKey = process.env.REACT_APP_ADMIN_PASSWORD;
// ok: js.secret-in-public-env
const apiBase = process.env.REACT_APP_API_URL;
