// hapi handlers, Remix loaders and SvelteKit endpoints: their request data and their responses.
import Wreck from "@hapi/wreck";
import { redirect } from "@remix-run/node";
import { readFileSync } from "fs";

server.route({
  method: "POST",
  path: "/greet",
  handler: (request, h) => {
    // ruleid: js.xss-response
    return h.response("<p>Hello " + request.payload.name + "</p>");
  },
});

server.route({
  method: "GET",
  path: "/mirror",
  handler: async (request, h) => {
    // ruleid: js.ssrf
    const { payload } = await Wreck.get(request.query.url);
    // ok: js.ssrf
    await Wreck.get(`https://status.example.com/${encodeURIComponent(request.query.url)}`);
    return payload;
  },
});

export async function loader({ request }) {
  const next = new URL(request.url).searchParams.get("next");
  if (next && next.startsWith("/") && !next.startsWith("//")) {
    // ok: js.open-redirect
    return redirect(next);
  }
  return redirect("/");
}

export async function action({ request }) {
  const next = new URL(request.url).searchParams.get("next");
  // ruleid: js.open-redirect
  return redirect(next ?? "/");
}

export const GET = async ({ url }) => {
  const name = url.searchParams.get("name") ?? "index";
  // ruleid: js.path-traversal-request
  const body = readFileSync("/srv/pages/" + name, "utf8");
  return new Response(body);
};

export const load = async ({ url }) => {
  const page = Number(url.searchParams.get("page") ?? "1");
  // ok: js.path-traversal-request
  return { text: readFileSync(`/srv/pages/${page}.md`, "utf8") };
};

// After `if (a && b && !c) return ...`, the check that was negated inside the condition vouches for
// nothing: the whole can fail with `c` true or false.
export async function clientLoader({ request }) {
  const next = new URL(request.url).searchParams.get("next");
  if (next && next.startsWith("/") && !next.startsWith("//")) {
    // ok: js.open-redirect
    return redirect(next);
  }
  // ruleid: js.open-redirect
  return redirect(next ?? "/");
}

server.route({
  method: "GET",
  path: "/sso/return",
  handler: (request, h) => {
    // ruleid: js.open-redirect
    return h.redirect(request.query.returnTo);
  },
});

server.route({
  method: "GET",
  path: "/sso/return-home",
  handler: (request, h) => {
    const back = request.query.returnTo;
    // ok: js.open-redirect
    return h.redirect(["/", "/account"].includes(back) ? back : "/");
  },
});
