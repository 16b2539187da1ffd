// Database clients and the TLS options they are given.
const { MongoClient } = require("mongodb");
const mongoose = require("mongoose");

// ruleid: js.tls-allow-invalid-certificates
const reports = new MongoClient(process.env.REPORTS_URL, { tls: true, tlsAllowInvalidCertificates: true });

// ruleid: js.tls-allow-invalid-certificates
const legacy = new MongoClient(process.env.LEGACY_URL, { ssl: true, sslValidate: false });

const cache = new MongoClient(
  // ruleid: js.tls-allow-invalid-certificates
  "mongodb://cache.internal:27017/app?tls=true&tlsAllowInvalidHostnames=true",
);

// ok: js.tls-allow-invalid-certificates
const orders = new MongoClient(process.env.ORDERS_URL, { tls: true, tlsCAFile: "/etc/ssl/mongo-ca.pem" });

// ok: js.tls-allow-invalid-certificates
const audit = new MongoClient("mongodb://audit.internal:27017/app?tls=true&tlsAllowInvalidCertificates=false");

async function connectSessions() {
  await mongoose.connect(process.env.SESSIONS_URL, {
    // ruleid: js.tls-allow-invalid-certificates
    tlsInsecure: true,
  });
}

module.exports = { reports, legacy, cache, orders, audit, connectSessions };
