"""Who is sending a delivery, and whether they still are.

A claim names its process as host:pid:token. On the same host we can tell for
certain whether that process still runs, so a live sender's claim is never taken
from it, however long its SMTP transaction takes (taking it would send the email
twice), and a dead sender's claim is taken over at once. A pid can be reused: a
process that started after the claim was made is not the claimant. A claim from
another host cannot be checked, so it is taken over only when its lease has run out.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from storage.deliveries import Claim

# Told apart from an earlier process with the same pid (in a container the service is
# pid 1 after every restart): fixed for the life of this process, never changed.
PROCESS_TOKEN = uuid.uuid4().hex[:12]
START_TIME_SLACK = timedelta(seconds=2)  # /proc's boot time is whole seconds


def claimant_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{PROCESS_TOKEN}"


def _parts(claimant: str) -> tuple[str, int | None, str]:
    host, pid_text, token = [*claimant.rsplit(":", 2), "", ""][:3]  # or old-style host:pid
    return host, int(pid_text) if pid_text.isdigit() else None, token


def claimant_is_dead(claimant: str) -> bool:
    """True only when certain: the claim is from this host and its process is gone."""
    host, pid, token = _parts(claimant)
    if host != socket.gethostname() or pid is None:
        return False
    if pid == os.getpid():  # ours, or an earlier process's that had our pid
        return bool(token) and token != PROCESS_TOKEN
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def process_started_at(pid: int) -> datetime | None:
    """When a process on this host started, from /proc; None where that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot_line = next(
            line for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime")
        )
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22: start time in clock ticks
        seconds = int(boot_line.split()[1]) + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, StopIteration, IndexError, ValueError):
        return None
    return datetime.fromtimestamp(seconds).astimezone()


def _pid_reused(claimant: str, claimed_at: datetime | None) -> bool:
    _, pid, _ = _parts(claimant)
    if pid is None or claimed_at is None or pid == os.getpid():
        return False
    started = process_started_at(pid)
    return started is not None and started > claimed_at + START_TIME_SLACK


def is_abandoned(claim: Claim, now: datetime) -> bool:
    """May another pass take this claim over? Never while its sender is alive on this host."""
    if claimant_is_dead(claim.claimant):
        return True
    host, _, _ = _parts(claim.claimant)
    if host == socket.gethostname():
        return _pid_reused(claim.claimant, claim.claimed_at)
    return claim.lease_until is None or claim.lease_until <= now
