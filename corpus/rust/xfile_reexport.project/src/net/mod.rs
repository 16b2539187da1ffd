mod client;

pub use client::relay;
