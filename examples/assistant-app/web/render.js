// Renders a comment thread in the browser.
export function renderComment(container, comment) {
  const item = document.createElement("li");
  item.innerHTML = `<b>${comment.author}</b>: ${comment.body}`;
  container.appendChild(item);
}

export function sessionToken() {
  const token = Math.random().toString(36).slice(2);
  return token;
}
