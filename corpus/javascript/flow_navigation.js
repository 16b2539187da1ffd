// Browser navigation by assignment, and tokens from Math.random in helpers named for them.
export function continueTo() {
  const next = new URLSearchParams(window.location.search).get("next");
  const target = next;
  // ruleid: js.open-redirect
  window.location = target;
}

export function continueToHash() {
  const dest = decodeURIComponent(location.hash.slice(1));
  // ruleid: js.open-redirect
  location.href = dest;
}

export function continueHome() {
  const section = new URLSearchParams(location.search).get("section");
  // ok: js.open-redirect
  window.location.href = "/home/" + encodeURIComponent(section);
}

export function continueChecked() {
  const next = new URLSearchParams(location.search).get("next");
  if (!["/", "/account"].includes(next)) return;
  // ok: js.open-redirect
  window.location = next;
}

function resetToken() {
  // ruleid: js.insecure-random-secret
  return Math.random().toString(36).slice(2);
}

function resetLayout() {
  // ok: js.insecure-random-secret
  return Math.random() * 100;
}
