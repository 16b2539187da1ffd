// Archives unpacked by hand: entry names come from whoever made the archive.
use std::fs::{self, File};
use std::io;
use std::path::Path;

pub fn unzip(archive: &Path, dest: &Path) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipArchive::new(File::open(archive)?)?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = entry.name().to_string();
        let out = dest.join(&name);
        // ruleid: rust.archive-entry-path
        let mut target = File::create(&out)?;
        io::copy(&mut entry, &mut target)?;
    }
    Ok(())
}

pub fn unzip_enclosed(archive: &Path, dest: &Path) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipArchive::new(File::open(archive)?)?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let Some(name) = entry.enclosed_name() else { continue };
        let out = dest.join(name);
        // ok: rust.archive-entry-path
        let mut target = File::create(&out)?;
        io::copy(&mut entry, &mut target)?;
    }
    Ok(())
}

pub fn unzip_dirs(archive: &Path, dest: &Path) -> zip::result::ZipResult<()> {
    let mut zip = zip::ZipArchive::new(File::open(archive)?)?;
    for i in 0..zip.len() {
        let entry = zip.by_index(i)?;
        if entry.is_dir() {
            // ruleid: rust.archive-entry-path
            fs::create_dir_all(dest.join(entry.name()))?;
        }
        // ok: rust.archive-entry-path
        fs::create_dir_all(dest.join("unpacked"))?;
    }
    Ok(())
}

pub fn untar(archive: &Path, dest: &Path) -> io::Result<()> {
    let mut tar = tar::Archive::new(File::open(archive)?);
    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.into_owned();
        // ruleid: rust.archive-entry-path
        entry.unpack(dest.join(path))?;
    }
    Ok(())
}

pub fn untar_in(archive: &Path, dest: &Path) -> io::Result<()> {
    let mut tar = tar::Archive::new(File::open(archive)?);
    for entry in tar.entries()? {
        let mut entry = entry?;
        // ok: rust.archive-entry-path
        entry.unpack_in(dest)?;
    }
    Ok(())
}

// The entry's name as the zip crate vouches for it, copied out of the match; the refusal only
// names the entry in its message.
pub fn unpack_checked(archive: &mut zip::ZipArchive<std::fs::File>, dest: &std::path::Path) -> anyhow::Result<()> {
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let rel = match entry.enclosed_name() {
            Some(p) => p.to_owned(),
            None => anyhow::bail!("entry {:?} leaves the folder", entry.name()),
        };
        // ok: rust.archive-entry-path
        let mut out = std::fs::File::create(dest.join(rel))?;
        std::io::copy(&mut entry, &mut out)?;
    }
    Ok(())
}

pub fn unpack_named(archive: &mut zip::ZipArchive<std::fs::File>, dest: &std::path::Path) -> anyhow::Result<()> {
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let rel = match entry.enclosed_name() {
            Some(_) => entry.name().to_owned(),
            None => anyhow::bail!("entry {:?} leaves the folder", entry.name()),
        };
        // ruleid: rust.archive-entry-path
        let mut out = std::fs::File::create(dest.join(rel))?;
        std::io::copy(&mut entry, &mut out)?;
    }
    Ok(())
}
