// AWS Lambda handlers behind API Gateway that answer with a response object: a page typed as HTML,
// a redirect in the `Location` header, next to twins that answer JSON, escape, or redirect to a
// fixed path of this site.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import escapeHtml from "escape-html";

const HOME = "/dashboard";
const SAFE_NEXT = new Set(["/dashboard", "/settings"]);

function page(title: string): string {
  return `<!doctype html><title>${escapeHtml(title)}</title>`;
}

export const hello = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const name = event.queryStringParameters?.name ?? "stranger";
  return {
    statusCode: 200,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    // ruleid: js.xss-response
    body: `<h1>Hello ${name}</h1>`,
  };
};

export const helloEscaped = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const name = event.queryStringParameters?.name ?? "stranger";
  return {
    statusCode: 200,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    // ok: js.xss-response
    body: `<h1>Hello ${escapeHtml(name)}</h1>`,
  };
};

export const helloJson = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const name = event.queryStringParameters?.name ?? "stranger";
  return {
    statusCode: 200,
    headers: { "Content-Type": "application/json" },
    // ok: js.xss-response
    body: JSON.stringify({ greeting: `<b>${name}</b>` }),
  };
};

export const profile = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { bio } = JSON.parse(event.body ?? "{}");
  const first = `<section class="bio">${bio}</section>`;
  const second = first;
  const html = second;
  // ruleid: js.xss-response
  return { statusCode: 200, headers: { "content-type": "text/html" }, body: html };
};

export const profileTitled = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { title } = JSON.parse(event.body ?? "{}");
  // ok: js.xss-response
  return { statusCode: 200, headers: { "content-type": "text/html" }, body: page(title) };
};

export const legacy = (event: APIGatewayProxyEvent, _ctx: unknown, callback: Function) => {
  const q = event.queryStringParameters?.q;
  // ruleid: js.xss-response
  callback(null, { statusCode: 200, headers: { "Content-Type": "text/html" }, body: "<p>" + q + "</p>" });
};

export const goTo = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const next = event.queryStringParameters?.next ?? HOME;
  // ruleid: js.open-redirect
  return { statusCode: 302, headers: { Location: next }, body: "" };
};

export const goHome = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const next = event.queryStringParameters?.next;
  // ok: js.open-redirect
  return { statusCode: 302, headers: { Location: HOME, "X-Requested": String(next) }, body: "" };
};

export const goChecked = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const next = event.queryStringParameters?.next ?? HOME;
  if (!SAFE_NEXT.has(next)) {
    return { statusCode: 400, body: "bad target" };
  }
  // ok: js.open-redirect
  return { statusCode: 302, headers: { location: next }, body: "" };
};

export const goSection = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const section = event.pathParameters?.section;
  // ok: js.open-redirect
  return { statusCode: 301, headers: { Location: `/docs/${section}` }, body: "" };
};

export const goMulti = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const target = event.headers.referer;
  // ruleid: js.open-redirect
  return { statusCode: 302, multiValueHeaders: { Location: [target] }, body: "" };
};
