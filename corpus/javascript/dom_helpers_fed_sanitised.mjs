import DOMPurify from 'https://cdn.jsdelivr.net/npm/dompurify@3/dist/purify.es.mjs';
import { marked } from 'https://cdn.jsdelivr.net/npm/marked@12/lib/marked.esm.js';

const log = document.getElementById('chat-log');
const notes = document.getElementById('notes');

// Every call passes markup DOMPurify cleaned.
function appendMessage(role, html) {
  const item = document.createElement('div');
  item.className = `message message-${role}`;
  // ok: js.dom-html-injection
  item.innerHTML = html;
  log.appendChild(item);
}

function renderMarkdown(markdown) {
  return DOMPurify.sanitize(marked.parse(markdown));
}

// One call passes the model's markup as it came.
function appendNote(html) {
  const item = document.createElement('li');
  // ruleid: js.dom-html-injection
  item.innerHTML = html;
  notes.appendChild(item);
}

export async function ask(question) {
  const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ question }) });
  const data = await response.json();
  appendMessage('assistant', renderMarkdown(data.reply || 'Sorry, something went wrong.'));
  appendMessage('system', DOMPurify.sanitize(data.notice));
  appendNote(DOMPurify.sanitize(data.summary));
  appendNote(marked.parse(data.details));
}
