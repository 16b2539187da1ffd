"""A sink inside a constructor, reached through the constructor's arguments: `LogSearcher(q)`
compiles `q` in `__init__`."""
import re
import subprocess

from fastapi import FastAPI

app = FastAPI()


class LogSearcher:
    def __init__(self, pattern):
        # ruleid: python.regex-injection
        self.rx = re.compile(pattern)

    def lines(self, text):
        return [line for line in text.splitlines() if self.rx.search(line)]


class EscapedSearcher:
    def __init__(self, needle):
        # ok: python.regex-injection
        self.rx = re.compile(re.escape(needle))


class Archiver:
    def __init__(self, name, level=6):
        # ruleid: python.subprocess-shell
        subprocess.run(f"tar -czf /srv/archives/{name}.tgz -C /srv/data .", shell=True, check=True)
        self.level = level


class Compressor:
    def __init__(self, level):
        # ok: python.subprocess-shell
        subprocess.run(f"gzip -{int(level)} /srv/data/log", shell=True, check=True)


@app.get("/search")
def search(q: str, name: str, level: str):
    found = LogSearcher(q).lines(open("/var/log/app.log").read())
    EscapedSearcher(q)
    Archiver(name)
    Compressor(level)
    return {"found": found}
