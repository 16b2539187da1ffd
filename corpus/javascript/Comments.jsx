import React from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

export function Comment({ comment }) {
  return (
    <article>
      <h3>{comment.author}</h3>
      {/* ruleid: js.react-dangerous-html */}
      <div className="body" dangerouslySetInnerHTML={{ __html: comment.html }} />
    </article>
  );
}

export function Markdown({ source }) {
  // ruleid: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: marked.parse(source) }} />;
}

export function SafeMarkdown({ source }) {
  // ok: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(marked.parse(source)) }} />;
}

export function Divider() {
  // ok: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: "<hr/>" }} />;
}

export function Legacy({ html }) {
  return React.createElement("section", {
    // ruleid: js.react-dangerous-html
    dangerouslySetInnerHTML: { __html: html },
  });
}

export function Plain({ text }) {
  // ok: js.react-dangerous-html, js.dom-html-injection
  return <p title={text}>{text}</p>;
}
