// A Next.js page whose data is loaded on the server for each request, and an API route reading
// files through the promise API of `fs`.
import path from "path";

const { readFile } = require("fs").promises;

const FEEDS = { news: "https://feeds.example.com/news.xml", sport: "https://feeds.example.com/sport.xml" };
const DOCS = path.join(process.cwd(), "docs");

export async function getServerSideProps({ query }) {
  // ruleid: js.ssrf
  const res = await fetch(query.feed);
  return { props: { feed: await res.text() } };
}

export const getStaticPaths = async () => ({ paths: [], fallback: "blocking" });

export async function loadKnownFeed(context) {
  const name = context.query.feed === "sport" ? "sport" : "news";
  // ok: js.ssrf
  const res = await fetch(FEEDS[name]);
  return res.text();
}

export default async function handler(req, res) {
  const { page } = req.query;
  // ruleid: js.path-traversal-request
  const text = await readFile(path.join(DOCS, page), "utf8");
  // ok: js.path-traversal-request
  const index = await readFile(path.join(DOCS, "index.md"), "utf8");
  res.send(text + index);
}
