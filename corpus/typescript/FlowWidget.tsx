// Widgets that render HTML from props, the URL or a sanitiser.
import DOMPurify from "dompurify";
import { useSearchParams } from "react-router-dom";

const NOTICE = "<strong>Scheduled maintenance</strong> on Sunday.";

export function Notice() {
  // ok: js.react-dangerous-html
  return <div dangerouslySetInnerHTML={{ __html: NOTICE }} />;
}

export function Highlight() {
  const [params] = useSearchParams();
  const term = params.get("q") ?? "";
  const html = `<mark>${term}</mark>`;
  // ruleid: js.react-dangerous-html
  return <p dangerouslySetInnerHTML={{ __html: html }} />;
}

export function HighlightClean() {
  const [params] = useSearchParams();
  const term = params.get("q") ?? "";
  const html = DOMPurify.sanitize(`<mark>${term}</mark>`);
  // ok: js.react-dangerous-html
  return <p dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Bio({ bio }: { bio: string }) {
  // ruleid: js.react-dangerous-html
  return <section dangerouslySetInnerHTML={{ __html: bio }} />;
}
