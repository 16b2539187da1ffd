// A browser page that looks books up in an XML catalogue it downloaded.
import * as math from "mathjs";

export function findBook(xml: string): string | null {
  const title = new URLSearchParams(location.search).get("title") ?? "";
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const expr = "//book[title='" + title + "']/isbn";
  // ruleid: js.xpath-injection
  const hit = doc.evaluate(expr, doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
  // ok: js.xpath-injection
  const first = doc.evaluate("//book[1]/isbn", doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
  return hit.singleNodeValue?.textContent ?? first.singleNodeValue?.textContent ?? null;
}

export function price(): number {
  const formula = new URLSearchParams(location.search).get("discount") ?? "0";
  // ok: js.xpath-injection
  return math.evaluate(formula);
}
