import Stripe from "stripe";
import express, { Request, Response } from "express";
import { OAuth2Client } from "google-auth-library";
import { createClient } from "@supabase/supabase-js";

// ruleid: any.stripe-secret-key
const stripe = new Stripe("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", { apiVersion: "2024-06-20" });

// Test-mode keys only reach the sandbox; not reported (see the rule docs).
// ok: any.stripe-secret-key
const stripeSandbox = new Stripe("sk_test_51Xtjt3k8Cj0ndoTMuyIEcyDlV8uxCz5u8PQiI1p4X7c8yIHIdtwOuIErxCqj58tzHRK7KVHRfXDHVcAIZmdxVeBq4tmu0NMhNQ", { apiVersion: "2024-06-20" });

// Publishable keys are meant for the browser.
// ok: any.stripe-secret-key
export const STRIPE_PUBLISHABLE_KEY = "pk_live_51uRGrf2g96p9xJHtE5RWgE2YcuKA9YxG9Fl830vp912nt8GEe010KMEJ5skoT3JAVsWRvY5mY17JrsiQ6NyQ5CIdZbHugnKzhv";

// ok: any.stripe-secret-key
const stripeFromEnv = new Stripe(process.env.STRIPE_SECRET_KEY as string, { apiVersion: "2024-06-20" });

const reportingStripe = new Stripe(
  // ruleid: any.stripe-secret-key
  "rk_live_8OZgx9WMWCiYUsW2j23lIinY",
  { apiVersion: "2024-06-20" },
);

export const stripeKeys: Record<string, string> = {
  // ruleid: any.stripe-secret-key
  eu: "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",
  // ok: any.stripe-secret-key
  us: process.env.STRIPE_SECRET_KEY_US ?? "",
};

// --- Shopify ---

interface ShopConfig {
  shop: string;
  accessToken: string;
}

export const shops: ShopConfig[] = [
  // ruleid: any.shopify-access-token
  { shop: "acme-outdoor.myshopify.com", accessToken: "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" },
  // ruleid: any.shopify-access-token
  { shop: "acme-kids.myshopify.com", accessToken: "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" },
  // ok: any.shopify-access-token
  { shop: "acme-b2b.myshopify.com", accessToken: process.env.SHOPIFY_B2B_TOKEN ?? "" },
];

// ruleid: any.shopify-access-token
const SHOPIFY_WEBHOOK_SECRET = "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";

// ok: any.shopify-access-token
const SHOPIFY_TOKEN_PREFIX = "shpat_";

// ok: any.shopify-access-token
const shopifyCheckoutUrl = "https://acme-outdoor.myshopify.com/cart/c/shpat_order_summary";

// --- Google sign-in ---

const oauth = new OAuth2Client(
  "781324556102-4kq2v9c1b7m3n5p8r0t6w2x4z1y3a5d7.apps.googleusercontent.com",
  // ruleid: any.google-oauth-client-secret
  "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",
  "https://pay.acme.example/oauth/callback",
);

// ok: any.google-oauth-client-secret
const oauthFromEnv = new OAuth2Client(process.env.GOOGLE_CLIENT_ID, process.env.GOOGLE_CLIENT_SECRET);

export const googleWeb = {
  client_id: "781324556102-q8w2e4r6t8y0u2i4o6p8a0s2d4f6g8h0.apps.googleusercontent.com",
  // ruleid: any.google-oauth-client-secret
  client_secret: "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",
};

// ok: any.google-oauth-client-secret
const GOOGLE_SECRET_DOCS = "Client secrets start with GOCSPX- and are shown once in the console";

// ok: any.google-oauth-client-secret
const secretRedacted = "GOCSPX-****************************";

// --- Supabase / JWT ---

// The anon key is public by design (row level security protects the data).
// ok: any.jwt
export const supabase = createClient("https://xyzcompany.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Imh4anF6ZWt4eWNoZmNocHd5anBuIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTYyMDAwMDAsImV4cCI6MjAzMTc3NjAwMH0.61sKUYD4b_AsqXJiyeShNMHUC4rFhD5vDvnR8Ift7OG");

// ruleid: any.jwt
const supabaseAdmin = createClient("https://xyzcompany.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6IndhZW5pamZ6ZWxrcXdwZGJnZmR5Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxNjIwMDAwMCwiZXhwIjoyMDMxNzc2MDAwfQ.3iLvW5ST--zL5LQRYmmYctWjZ4h2FMmQXsnKQeJabsX");

// jwt.io's sample token.
// ok: any.jwt
const SAMPLE_JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

async function fetchLedger(): Promise<unknown> {
  const res = await fetch("https://ledger.internal.acme.example/v1/entries", {
    // ruleid: any.jwt
    headers: { Authorization: "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtcml6bndyIiwic2NvcGUiOiJyZXBvcnRzOnJlYWQiLCJpYXQiOjE3MTkwMDAwMDB9.GE_bT--WZeXNYi8RrWV3EM-VBTsqg7xwW1zkCDxdhD4" },
  });
  return res.json();
}

// ok: any.jwt
const unsignedForTests = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.";

// --- Authorization headers ---

export async function listPayouts(): Promise<unknown> {
  const res = await fetch("https://api.payouts.example.com/v2/payouts", {
    headers: {
      // ruleid: any.hardcoded-authorization-header
      Authorization: "Bearer V5JZBLP5gAxqUFSV1zP5FuPsUNkLgtr4qZqiE0r1",
      Accept: "application/json",
    },
  });
  return res.json();
}

export async function listInvoices(token: string): Promise<unknown> {
  const res = await fetch("https://api.payouts.example.com/v2/invoices", {
    // ok: any.hardcoded-authorization-header
    headers: { Authorization: `Bearer ${token}` },
  });
  return res.json();
}

const h = new Headers();
// ruleid: any.hardcoded-authorization-header
h.set("Authorization", "Basic c3ZjLWV4cG9ydDprNHRXMEVZb1FvOHh1dg==");
// ok: any.hardcoded-authorization-header
h.set("Authorization", "Basic " + btoa(`${process.env.EXPORT_USER}:${process.env.EXPORT_PASSWORD}`));

// ok: any.hardcoded-authorization-header
const AUTH_HEADER_NAME = "Authorization";

const app = express();
app.post("/refund", async (req: Request, res: Response) => {
  const refund = await stripe.refunds.create({ payment_intent: String(req.body.pi) });
  res.json({ id: refund.id, sandbox: Boolean(stripeSandbox), env: Boolean(stripeFromEnv), rep: Boolean(reportingStripe), o: Boolean(oauth && oauthFromEnv && supabaseAdmin) });
});
