import os
import shutil
import stat
import tarfile
import tempfile
import zipfile
from pathlib import Path
from tempfile import mktemp

UPLOAD_DIR = "/srv/uploads"


def write_temp_config(data):
    # ruleid: python.tempfile-mktemp
    path = tempfile.mktemp(suffix=".json")
    with open(path, "w") as fh:
        fh.write(data)
    return path


def scratch_name():
    # ruleid: python.tempfile-mktemp
    return mktemp(prefix="job-", dir="/tmp")


def write_temp_config_safe(data):
    # ok: python.tempfile-mktemp
    fd, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(fd, "w") as fh:
        fh.write(data)
    return path


def test_export(tmp_path_factory):
    # pytest's factory method creates the directory itself.
    # ok: python.tempfile-mktemp
    out_dir = tmp_path_factory.mktemp("export")
    return out_dir


def scratch_dir():
    # ok: python.tempfile-mktemp
    return tempfile.mkdtemp(prefix="job-")


def prepare_upload_dir():
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    # ruleid: python.chmod-world-writable
    os.chmod(UPLOAD_DIR, 0o777)


def share_file(path: Path):
    # ruleid: python.chmod-world-writable
    path.chmod(0o666)


def open_to_all(path):
    # ruleid: python.chmod-world-writable
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IROTH | stat.S_IWOTH)


def make_executable(path):
    # ok: python.chmod-world-writable
    os.chmod(path, 0o755)


def protect_key(path):
    # ok: python.chmod-world-writable
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def group_share(path):
    # ok: python.chmod-world-writable
    os.chmod(path, mode=0o664)


def extract_upload(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        # ruleid: python.archive-extract-traversal
        tar.extractall(dest)


def extract_upload_filtered(archive_path, dest):
    with tarfile.open(archive_path) as tar:
        # ok: python.archive-extract-traversal
        tar.extractall(dest, filter="data")


def extract_one(archive_path, member, dest):
    bundle = tarfile.open(archive_path, "r:gz")
    # ruleid: python.archive-extract-traversal
    bundle.extract(member, path=dest)
    bundle.close()


def extract_chained(archive_path, dest):
    # ruleid: python.archive-extract-traversal
    tarfile.open(archive_path).extractall(path=dest)


def extract_zip(archive_path, dest):
    # zipfile strips ".." and absolute names itself.
    with zipfile.ZipFile(archive_path) as zf:
        # ok: python.archive-extract-traversal
        zf.extractall(dest)


def unpack_upload(upload_path, dest):
    # ruleid: python.archive-extract-traversal
    shutil.unpack_archive(upload_path, dest)


def unpack_upload_filtered(upload_path, dest):
    # ok: python.archive-extract-traversal
    shutil.unpack_archive(upload_path, dest, filter="data")


def unpack_vendored():
    # ok: python.archive-extract-traversal
    shutil.unpack_archive("vendor/assets.tar.gz", "build/assets")


def extract_fields(target, record):
    # A "target" object with an extract() method is not a tar archive.
    # ok: python.archive-extract-traversal
    return target.extract(record)


def extract_release(release_tar, dest):
    # ruleid: python.archive-extract-traversal
    release_tar.extractall(dest)


def install_theme(upload, themes_dir):
    archive = os.path.join("/srv/uploads", "theme.zip")
    upload.save(archive)
    # ok: python.archive-extract-traversal
    shutil.unpack_archive(archive, themes_dir)
    # ok: python.archive-extract-traversal
    shutil.unpack_archive(upload.filename, themes_dir, format="zip")
    bundle = os.path.join("/srv/uploads", upload.filename)
    # ruleid: python.archive-extract-traversal
    shutil.unpack_archive(bundle, themes_dir)
