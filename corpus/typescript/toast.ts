import $ from "jquery";

export function toast(message: string, level: "info" | "error"): void {
  const container = document.querySelector<HTMLDivElement>("#toasts")!;
  // ruleid: js.dom-html-injection
  container.insertAdjacentHTML("beforeend", `<div class="toast ${level}">${message}</div>`);
  // ruleid: js.jquery-html-injection
  $("#last-toast").html(message);
  // ok: js.jquery-html-injection
  $("#last-toast").text(message);
  // ok: js.dom-html-injection
  container.insertAdjacentText("beforeend", message);
}

export function renderTemplate(tpl: HTMLTemplateElement, html: string): void {
  // ruleid: js.dom-html-injection
  tpl.outerHTML = html;
}
