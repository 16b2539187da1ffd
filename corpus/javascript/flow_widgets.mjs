// A dashboard page and its API: values from the address, other windows and requests pass through
// helpers, several assignments and aliased imports before they reach markup, `eval` or a fetch.
import purify from "dompurify";
import escapeHtml from "escape-html";
import httpClient from "axios";
import { get as getUrl } from "axios";

const query = new URLSearchParams(window.location.search);
const panel = document.getElementById("panel");
const STATUS_URL = "https://status.example.com/api/health";

function card(title) {
  return `<article><h2>${title}</h2></article>`;
}

export function showCard() {
  const title = query.get("title") ?? "";
  // ruleid: js.dom-html-injection
  panel.innerHTML = card(title);
}

export function showCardClean() {
  const title = query.get("title") ?? "";
  // ok: js.dom-html-injection
  panel.innerHTML = purify.sanitize(card(title));
}

export function showReferrer() {
  const first = document.referrer;
  const second = first.split("?")[0];
  const third = `<small>from ${second}</small>`;
  // ruleid: js.dom-html-injection
  panel.insertAdjacentHTML("beforeend", third);
}

export function showReferrerEscaped() {
  const first = document.referrer;
  const second = first.split("?")[0];
  const third = `<small>from ${escapeHtml(second)}</small>`;
  // ok: js.dom-html-injection
  panel.insertAdjacentHTML("beforeend", third);
}

// ruleid: js.message-handler-no-origin-check
window.addEventListener("message", (event) => {
  const formula = event.data.formula;
  // ruleid: js.eval-dynamic
  panel.textContent = String(eval(formula));
});

export function constantFormula() {
  const formula = "6 * 7";
  // ok: js.eval-dynamic
  panel.textContent = String(eval(formula));
}

export function evalFromHash() {
  const first = location.hash.slice(1);
  const second = decodeURIComponent(first);
  const third = second;
  // ruleid: js.eval-dynamic
  return eval(third);
}

export function evalCount() {
  const third = Number(location.hash.slice(1));
  // ok: js.eval-dynamic
  return eval(third);
}

export async function relay(req, res) {
  const target = req.query.target;
  // ruleid: js.ssrf
  const upstream = await getUrl(target);
  res.json(upstream.data);
}

export async function relayHealth(req, res) {
  const verbose = req.query.verbose;
  // ok: js.ssrf
  const upstream = await getUrl(STATUS_URL);
  res.json({ ...upstream.data, verbose });
}

export async function hook(req, res) {
  const first = req.body.hook;
  const second = first.trim();
  const third = second;
  // ruleid: js.ssrf
  await httpClient.post(third, { ok: true });
  res.sendStatus(204);
}

export async function hookFixed(req, res) {
  const third = "https://hooks.example.com/ci";
  // ok: js.ssrf
  await httpClient.post(third, { ok: req.body.ok });
  res.sendStatus(204);
}
