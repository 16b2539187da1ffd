import DOMPurify from "dompurify";
import { useEffect, useRef } from "react";

interface Product {
  name: string;
  descriptionHtml: string;
  badge?: string;
}

export function ProductCard({ product }: { product: Product }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && product.badge) {
      // ruleid: js.dom-html-injection
      ref.current.innerHTML = `<span class="badge">${product.badge}</span>`;
    }
  }, [product.badge]);
  return (
    <div ref={ref}>
      <h2>{product.name}</h2>
      {/* ruleid: js.react-dangerous-html */}
      <div dangerouslySetInnerHTML={{ __html: product.descriptionHtml as string }} />
      {/* ok: js.react-dangerous-html */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(product.descriptionHtml) }} />
    </div>
  );
}

export function Notice({ text }: { text: string }) {
  const el = document.getElementById("notice") as HTMLElement;
  // ok: js.dom-html-injection
  el.textContent = text;
  // ok: js.dom-html-injection
  el.innerHTML = "<em>updated</em>";
  return null;
}
