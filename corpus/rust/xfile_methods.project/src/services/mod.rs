pub mod archive;
pub mod backup;
pub mod feeds;
