"""Ops helpers an assistant might write: backups, media conversion, host checks."""
import asyncio
import os
import shlex
import subprocess
from subprocess import Popen, check_output, PIPE


def backup_database(db_name: str, target_dir: str) -> None:
    dump_path = os.path.join(target_dir, f"{db_name}.sql")
    # ruleid: python.subprocess-shell
    subprocess.run(f"pg_dump {db_name} > {dump_path}", shell=True, check=True)


def compress(path):
    # ok: python.subprocess-shell
    subprocess.run(["gzip", "-9", path], check=True)


def disk_usage(mount_point):
    # ruleid: python.subprocess-shell
    out = subprocess.check_output("df -h " + mount_point, shell=True, text=True)
    return out.splitlines()[-1]


def list_services():
    # ok: python.subprocess-shell
    return subprocess.check_output("systemctl list-units --type=service | head -n 20", shell=True, text=True)


def tail_log(logfile, lines=50):
    # ruleid: python.subprocess-shell
    proc = Popen("tail -n {} {}".format(lines, logfile), shell=True, stdout=PIPE)
    return proc.communicate()[0]


def git_log(repo, branch):
    # ok: python.subprocess-shell
    return check_output(["git", "-C", repo, "log", "--oneline", branch], text=True)


def run_user_script(script_body):
    # ruleid: python.subprocess-shell
    subprocess.call(["bash", "-c", script_body])


def run_fixed_pipeline():
    # ok: python.subprocess-shell
    subprocess.call(["bash", "-c", "make clean && make all"])


def replace_with_shell(script_body):
    # ruleid: python.subprocess-shell
    os.execl("/bin/sh", "sh", "-c", script_body)


def replace_with_fixed_shell():
    # ok: python.subprocess-shell
    os.execl("/bin/sh", "sh", "-c", "make clean && make all")


def spawn_user_script(script_body):
    # ruleid: python.subprocess-shell
    return os.spawnlp(os.P_WAIT, "bash", "bash", "-c", "set -e; " + script_body)


def spawn_quoted(path):
    # ok: python.subprocess-shell
    return os.spawnlp(os.P_WAIT, "bash", "bash", "-c", "wc -l " + shlex.quote(path))


def exec_argv_script(script_body):
    # ruleid: python.subprocess-shell
    os.execvp("bash", ["bash", "-c", script_body])


def exec_argv_no_shell(path):
    # A program other than a shell takes `-c` as its own option.
    # ok: python.subprocess-shell
    os.execvp("python3", ["python3", "-c", path])


def quoted_grep(term, logfile):
    # Every value is quoted with shlex.quote: flow keeps this quiet.
    # ok: python.subprocess-shell
    subprocess.run("grep -F " + shlex.quote(term) + " " + shlex.quote(logfile), shell=True)


def ping(host):
    # ruleid: python.os-system
    return os.system("ping -c 1 " + host) == 0


def clear_screen():
    # ok: python.os-system
    os.system("clear")


def read_crontab(user):
    # ruleid: python.os-system
    return os.popen(f"crontab -l -u {user}").read()


def kernel_version():
    # ok: python.os-system
    return os.popen("uname -r").read().strip()


def free_memory(unit):
    # ruleid: python.os-system
    status, output = subprocess.getstatusoutput("free -" + unit)
    return output


def uptime():
    # ok: python.os-system
    return subprocess.getoutput("uptime")


def system_name(platform):
    # A method called system() on another object is not os.system.
    # ok: python.os-system
    return platform.system(platform.node())


async def transcode(src: str, dst: str) -> int:
    # ruleid: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(f"ffmpeg -y -i {src} {dst}")
    return await proc.wait()


async def transcode_safely(src: str, dst: str) -> int:
    # ok: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-y", "-i", src, dst)
    return await proc.wait()


async def dig(name: str) -> bytes:
    # ruleid: python.subprocess-shell
    proc = await asyncio.create_subprocess_exec("/bin/sh", "-c", f"dig +short {name}")
    out, _ = await proc.communicate()
    return out


async def uptime() -> bytes:
    # ok: python.subprocess-shell
    proc = await asyncio.create_subprocess_exec("/bin/sh", "-c", "uptime | cut -d, -f1")
    out, _ = await proc.communicate()
    return out


async def health_probe() -> int:
    # ok: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell("curl -fsS http://localhost:8080/health")
    return await proc.wait()


async def run_hook(loop, protocol_factory, hook_cmd):
    # ruleid: python.asyncio-subprocess-shell
    transport, _ = await loop.subprocess_shell(protocol_factory, hook_cmd)
    return transport


async def archive_dir(directory):
    from asyncio import create_subprocess_shell
    # ruleid: python.asyncio-subprocess-shell
    proc = await create_subprocess_shell("tar czf backup.tgz " + directory)
    await proc.wait()


async def lookup_domain(request):
    import asyncio
    import shlex
    domain = request.query["domain"]
    # ruleid: python.asyncio-subprocess-shell
    whois = await asyncio.create_subprocess_shell("whois " + domain)
    # ok: python.asyncio-subprocess-shell
    quoted = await asyncio.create_subprocess_shell("whois " + shlex.quote(domain))
    # ok: python.asyncio-subprocess-shell
    joined = await asyncio.create_subprocess_shell(shlex.join(["whois", domain]))
    return await whois.wait(), await quoted.wait(), await joined.wait()


# pexpect starts the program it is given with the arguments it is given: a shell with `-c` runs
# the script that follows.
import pexpect


def restore_snapshot(request):
    script = f"gunzip -c /srv/snapshots/{request.args['name']} | psql -d restore"
    # ruleid: python.subprocess-shell
    child = pexpect.spawn("/bin/bash", ["-c", script], timeout=600)
    # ok: python.subprocess-shell
    other = pexpect.spawn("/bin/bash", ["-c", "pg_isready -q"], timeout=10)
    return child, other


def archive_folder(name):
    # ruleid: python.subprocess-shell
    subprocess.run(  # the shell expands the glob
        f"tar czf /srv/archives/{name}.tgz /srv/folders/{name}/*",
        shell=True,
        check=True,
    )
    # ok: python.subprocess-shell
    subprocess.run(  # a list runs no shell
        ["tar", "czf", f"/srv/archives/{name}.tgz", f"/srv/folders/{name}"],
        check=True,
    )


def convert_upload(request):
    fmt = request.args["format"]
    argv = ["sh", "-c", f"soffice --headless --convert-to {fmt} /srv/in/doc.docx"]
    # ruleid: python.subprocess-shell
    subprocess.Popen(argv)
    fixed = ["sh", "-c", "soffice --version"]
    # ok: python.subprocess-shell
    subprocess.Popen(fixed)
