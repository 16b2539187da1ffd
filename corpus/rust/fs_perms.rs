//! Upload directory setup and a small daemon bootstrap.

use std::fs::{self, DirBuilder, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub fn prepare_upload_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    // ruleid: rust.world-writable-permissions
    fs::set_permissions(dir, Permissions::from_mode(0o777))?;
    Ok(())
}

pub fn share_log(path: &Path) -> std::io::Result<()> {
    let mut perms = fs::metadata(path)?.permissions();
    // ruleid: rust.world-writable-permissions
    perms.set_mode(0o666);
    fs::set_permissions(path, perms)
}

pub fn write_socket_file(path: &Path) -> std::io::Result<()> {
    // ruleid: rust.world-writable-permissions
    fs::set_permissions(path, fs::Permissions::from_mode(0o776))?;
    Ok(())
}

pub fn lock_down(path: &Path) -> std::io::Result<()> {
    // ok: rust.world-writable-permissions
    fs::set_permissions(path, Permissions::from_mode(0o600))?;
    let mut perms = fs::metadata(path)?.permissions();
    // ok: rust.world-writable-permissions
    perms.set_mode(0o755);
    fs::set_permissions(path, perms)
}

pub fn shared_tmp(dir: &Path) -> std::io::Result<()> {
    // ok: rust.world-writable-permissions
    fs::set_permissions(dir, Permissions::from_mode(0o1777))
}

pub fn create_files(dir: &Path) -> std::io::Result<()> {
    // ok: rust.world-writable-permissions
    DirBuilder::new().recursive(true).mode(0o777).create(dir)?;
    let mut f = OpenOptions::new()
        .create(true)
        .write(true)
        // ok: rust.world-writable-permissions
        .mode(0o666)
        .open(dir.join("state.json"))?;
    f.write_all(b"{}")
}

pub fn daemonize(pid_path: &std::ffi::CStr) {
    // ruleid: rust.unsafe-block
    unsafe {
        // ruleid: rust.world-writable-permissions
        libc::umask(0);
        // ruleid: rust.world-writable-permissions
        libc::chmod(pid_path.as_ptr(), 0o666);
        // ok: rust.world-writable-permissions
        libc::chmod(pid_path.as_ptr(), 0o644);
    }
}
