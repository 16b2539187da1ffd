// A plain Node `http` server: the query string parsed from `req.url` by hand, redirects written as
// `Location` headers, next to twins that redirect to fixed paths of this site.
const http = require("http");
const url = require("url");

const ALLOWED = new Set(["/", "/account"]);

http
  .createServer((req, res) => {
    const { pathname, query } = url.parse(req.url, true);
    if (pathname === "/out") {
      // ruleid: js.open-redirect
      res.writeHead(302, { Location: query.to });
      return res.end();
    }
    if (pathname === "/out-logged") {
      // ok: js.open-redirect
      res.writeHead(302, { "X-Requested": query.to, Location: "/" });
      return res.end();
    }
    if (pathname === "/out-checked") {
      const target = ALLOWED.has(query.to) ? query.to : "/";
      // ok: js.open-redirect
      res.writeHead(302, "Found", { Location: target });
      return res.end();
    }
    if (pathname === "/back") {
      const first = new URL(req.url, "http://localhost").searchParams.get("back");
      const second = first;
      const third = second;
      res.statusCode = 303;
      // ruleid: js.open-redirect
      res.setHeader("Location", third);
      return res.end();
    }
    if (pathname === "/login") {
      const login = new URL("/login", req.url);
      res.statusCode = 303;
      // ok: js.open-redirect
      res.setHeader("Location", login.href);
      return res.end();
    }
    res.writeHead(404);
    res.end();
  })
  .listen(8080);
