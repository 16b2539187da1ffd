from collections import deque
from pathlib import Path

LOG_ROOT = Path("/var/log/services")


def tail_file(relative_name: str, lines: int = 200) -> list[str]:
    with open(LOG_ROOT / relative_name, encoding="utf-8") as fh:
        return list(deque(fh, maxlen=lines))


def tail_named(relative_name: str) -> list[str]:
    safe = Path(relative_name).name
    with open(LOG_ROOT / safe, encoding="utf-8") as fh:
        return list(deque(fh, maxlen=200))
