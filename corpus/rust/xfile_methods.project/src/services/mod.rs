pub mod archive;
pub mod backup;
pub mod feeds;
pub mod hooks;
