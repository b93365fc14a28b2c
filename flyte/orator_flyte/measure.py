"""`python -m orator_flyte.measure USAGE.json -- COMMAND...`: runs COMMAND and writes its CPU
time and peak memory (from `wait4`, the child and its own children) to USAGE.json.

The stage tasks start this with `asyncio.create_subprocess_exec`, so several stages run at
once while each one's CPU time is still its own.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python -m orator_flyte.measure USAGE.json -- COMMAND...", file=sys.stderr)
        return 2
    usage_file, command = argv[0], argv[2:]
    started = time.time()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    ended = time.time()
    with open(usage_file, "w", encoding="utf-8") as out:
        json.dump({"started": started, "ended": ended, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                   "peak_kb": usage.ru_maxrss}, out)
    if os.WIFSIGNALED(status):  # die the same way, so the task sees how the stage died
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
