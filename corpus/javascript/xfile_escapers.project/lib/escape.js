// Escapers the routes import: written by hand, recognised by what they write.
const FILTER_ESCAPES = { "\\": "\\5c", "*": "\\2a", "(": "\\28", ")": "\\29", "\u0000": "\\00" };

function escapeFilterValue(value) {
  return String(value).replace(/[\\*()\u0000]/g, (c) => FILTER_ESCAPES[c]);
}

function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// Looks like an escaper by its name only: it changes nothing that matters.
function escapeFilterSpaces(value) {
  return String(value).trim();
}

module.exports = { escapeFilterValue, escapeHtml, escapeFilterSpaces };
