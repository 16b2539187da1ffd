# Archives unpacked by hand: member names come from whoever made the archive.
import os
import shutil
import tarfile
import zipfile
from pathlib import Path


def unpack(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for member in zf.namelist():
            target = os.path.join(dest, member)
            # ruleid: python.archive-member-path
            with open(target, "wb") as out:
                out.write(zf.read(member))


def unpack_infos(upload, dest):
    zf = zipfile.ZipFile(upload)
    for info in zf.infolist():
        name = info.filename
        relative = name
        out = Path(dest) / relative
        # ruleid: python.archive-member-path
        out.write_bytes(zf.read(info))


def unpack_tar(path, dest):
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            target = f"{dest}/{m.name}"
            src = tar.extractfile(m)
            # ruleid: python.archive-member-path
            with open(target, mode="wb") as fh:
                shutil.copyfileobj(src, fh)


def make_dirs(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for name in zf.namelist():
            if name.endswith("/"):
                # ruleid: python.archive-member-path
                os.makedirs(os.path.join(dest, name), exist_ok=True)


def flat(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for member in zf.namelist():
            target = os.path.join(dest, os.path.basename(member))
            # ok: python.archive-member-path
            with open(target, "wb") as out:
                out.write(zf.read(member))


def checked(upload, dest):
    root = os.path.realpath(dest)
    with zipfile.ZipFile(upload) as zf:
        for member in zf.namelist():
            target = os.path.realpath(os.path.join(root, member))
            if os.path.commonpath([target, root]) != root:
                raise ValueError(member)
            # ok: python.archive-member-path
            with open(target, "wb") as out:
                out.write(zf.read(member))


def index(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for member in zf.namelist():
            # ok: python.archive-member-path
            with open(os.path.join(dest, "index.txt"), "a") as out:
                out.write(member + "\n")
            # ok: python.archive-member-path
            with open(os.path.join(dest, member)) as previous:
                print(previous.read(10))


def import_theme(request, themes_dir):
    import io

    upload = request.files["theme"]
    # ok: python.path-traversal
    archive = zipfile.ZipFile(io.BytesIO(upload.read()))
    # ok: python.path-traversal
    same = zipfile.ZipFile(request.files["theme"])
    # ruleid: python.path-traversal
    named = zipfile.ZipFile(os.path.join(themes_dir, request.form["theme_name"]))
    return archive, same, named


def unpack_checked_names(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for name in zf.namelist():
            if name.startswith("/") or ".." in name:
                continue
            # ok: python.archive-member-path
            with open(os.path.join(dest, name), "wb") as out:
                out.write(zf.read(name))


def unpack_half_checked(upload, dest):
    with zipfile.ZipFile(upload) as zf:
        for name in zf.namelist():
            if ".." in name:
                print("suspicious member", name)
            # ruleid: python.archive-member-path
            with open(os.path.join(dest, name), "wb") as out:
                out.write(zf.read(name))


def unpack_checked_parts(archive_path, dest):
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("/") or ".." in info.filename.split("/"):
                continue
            # ok: python.archive-member-path
            with open(os.path.join(dest, *info.filename.split("/")), "wb") as out:
                out.write(zf.read(info))


def unpack_checked_path_parts(archive_path, dest):
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("/") or ".." in Path(info.filename).parts:
                continue
            # ok: python.archive-member-path
            with open(os.path.join(dest, info.filename), "wb") as out:
                out.write(zf.read(info))


def unpack_checked_other(archive_path, dest):
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if ".." in dest.split("/"):
                continue
            # ruleid: python.archive-member-path
            with open(os.path.join(dest, info.filename), "wb") as out:
                out.write(zf.read(info))
