// A model's answer fetched with `fetch` from a model provider's API is model output; the same
// call to another service's API is that service's data.
'use strict';

async function showSummary(ticket) {
  const response = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: ticket }] }),
  });
  const data = await response.json();
  // ruleid: js.open-redirect
  window.location.href = data.choices[0].message.content;
}

async function showStatus() {
  const response = await fetch('https://status.example.com/api/summary');
  const data = await response.json();
  // ok: js.open-redirect
  window.location.href = data.summary;
}

async function showAnswer(question) {
  const data = await (await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    body: JSON.stringify({ prompt: question }),
  })).json();
  // ruleid: js.open-redirect
  window.location.href = data.content[0].text;
}

async function showNotice() {
  const data = await (await fetch('https://status.example.com/api/notice')).json();
  // ok: js.open-redirect
  window.location.href = data.notice;
}

module.exports = { showSummary, showStatus, showAnswer, showNotice };
