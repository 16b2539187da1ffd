// Notification fan-out: Slack, Discord, e-mail and SMS for the on-call bot.
const { WebClient } = require("@slack/web-api");
const sgMail = require("@sendgrid/mail");
const twilio = require("twilio");

// ruleid: any.slack-token
const slack = new WebClient("xoxb-169267904167-0401959408548-DDklLVn6ihnyB0zrrsR9Wfpd");

// ok: any.slack-token
const slackFromEnv = new WebClient(process.env.SLACK_BOT_TOKEN);

// Slack's own docs use this string; it has no numeric ids.
// ok: any.slack-token
const DOCS_TOKEN = "xoxb-not-a-real-token-this-will-not-work";

const adminSlack = new WebClient(
  // ruleid: any.slack-token
  "xoxp-0502067148-1355145331-0152299253178-5109a3a04818919f8a7fabf31d18c383"
);

// ok: any.slack-token
const onboardingHint = "Paste your bot token (it starts with xoxb-) into the settings page";

// ruleid: any.slack-webhook-url
const ALERTS_WEBHOOK = "https://hooks.slack.com/services/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";

// ok: any.slack-webhook-url
const EXAMPLE_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

// ok: any.slack-webhook-url
const webhookFromEnv = process.env.SLACK_WEBHOOK_URL;

async function postToSlack(text) {
  // ruleid: any.slack-webhook-url
  await fetch("https://hooks.slack.com/services/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", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
}

// ok: any.slack-webhook-url
const SLACK_DOCS = "https://api.slack.com/messaging/webhooks";

// --- Discord ---

// ruleid: any.discord-webhook-url
const DISCORD_DEPLOYS = "https://discord.com/api/webhooks/1780102475092267867/EfR0LOJkuR3Plc8DWEewPuokq44ui_YxCYDSQDObj7GMulbq-7s1ZbFB-SQEoxKweRMr";

async function postToDiscord(content) {
  // ruleid: any.discord-webhook-url
  const url = "https://discord.com/api/webhooks/1576331925796964430/IVertTdTlQdnDpG7fxpKQFqGPNQDUUBcrXodoMTrUh_xB45Al02uOEBeHAoGSZ10aOem";
  await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ content }) });
}

// ok: any.discord-webhook-url
const discordUrl = `https://discord.com/api/webhooks/${process.env.DISCORD_WEBHOOK_ID}/${process.env.DISCORD_WEBHOOK_TOKEN}`;

// ok: any.discord-webhook-url
const DISCORD_TEMPLATE = "https://discord.com/api/webhooks/000000000000000000/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ok: any.discord-webhook-url
const INVITE = "https://discord.com/invite/acme-community";

// --- SendGrid ---

// ruleid: any.sendgrid-api-key
sgMail.setApiKey("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");

// ok: any.sendgrid-api-key
sgMail.setApiKey(process.env.SENDGRID_API_KEY);

// ok: any.sendgrid-api-key
const SENDGRID_KEY_HELP = "SendGrid keys look like SG.xxxxxxxx.yyyyyyyy";

const mailConfig = {
  // ruleid: any.sendgrid-api-key
  apiKey: "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",
  from: "oncall@acme.example",
};

// ok: any.sendgrid-api-key
const templateId = "d-3f1a9c2e7b5d4e8f9a0b1c2d3e4f5a6b";

// --- Twilio ---

// ruleid: any.twilio-auth-token
const sms = twilio("AC4c90f1675da37a9eaec0d21382b0c945", "880e0eb766cea8b1a7c781c921caee1e");

// ok: any.twilio-auth-token
const smsFromEnv = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

// Twilio's docs placeholder: X is not a hex digit.
// ok: any.twilio-auth-token
const docsClient = twilio("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "your_auth_token");

// ruleid: any.twilio-auth-token
const keyClient = twilio("SKd02cdb879162ddbcdb316d425e9916e8", "FKQuD9qHk0tySIfzdvhYGqf3RRweynhr", { accountSid: process.env.TWILIO_ACCOUNT_SID });

// The Account SID alone is an identifier, used to build API URLs.
// ok: any.twilio-auth-token
const MESSAGES_URL = "https://api.twilio.com/2010-04-01/Accounts/AC11fa1c77737b081faec1cd8cf5c82f96/Messages.json";

async function page(to, body) {
  await sms.messages.create({ to, from: "+15005550006", body });
  await mailConfig;
}

module.exports = { postToSlack, postToDiscord, page, slack, slackFromEnv, adminSlack };
