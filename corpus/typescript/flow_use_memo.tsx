// React's useMemo returns what its callback returns: HTML sanitised inside it is sanitised
// where the component uses it.
import React, { useMemo } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

function renderSafe(source: string): string {
  return DOMPurify.sanitize(marked.parse(source) as string);
}

function renderRaw(source: string): string {
  return marked.parse(source) as string;
}

export function SafeComment({ body }: { body: string }) {
  const html = useMemo(() => renderSafe(body), [body]);
  // ok: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}

export function RawComment({ body }: { body: string }) {
  const html = React.useMemo(() => renderRaw(body), [body]);
  // ruleid: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
