"""`python -m orator_flyte.simulate --from BENCH.json`: the wall time and cost of many episodes
on K Flyte workers, from the per-task times a `scripts/bench-flyte --json` run measured.

Each episode is speak -> motion -> (render chunk 0..N-1 and audio, in parallel) -> encode; each
worker (2 vCPU, the render task's request) runs one task at a time; ready tasks of earlier
episodes go first. Every task also pays `--task-overhead` seconds (pod start, download and
upload of its files), which the local run does not measure.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
from pathlib import Path

#: On-demand prices, USD per hour, AWS us-east-1 (public price list): the instance the
#: SadTalker-on-Flyte table used, and a CPU-only instance of the same size.
RATES = {"g4dn.2xlarge (8 vCPU, 32 GiB, T4)": (0.752, 8), "c6i.2xlarge (8 vCPU, 16 GiB)": (0.34, 8)}
WORKER_VCPU = 2


def episode_tasks(minutes: float, times: dict[str, float], chunk_seconds: float) -> list[tuple[str, float, list[int]]]:
    """One episode's tasks: (name, seconds, indices of the tasks it waits for)."""
    chunks = math.ceil(minutes * 60 / chunk_seconds)
    scale = minutes * 60 / times["video_seconds"]
    tasks = [("speak", times["speak"] * scale, []), ("motion", times["motion"] * scale, [0])]
    tasks += [("render", times["render_per_chunk"] * chunk_seconds / 30, [1]) for _ in range(chunks)]
    tasks.append(("audio", times["audio"] * scale, [0]))
    tasks.append(("encode", times["encode"] * scale, list(range(2, len(tasks)))))
    return tasks


def simulate(episodes: int, workers: int, tasks: list[tuple[str, float, list[int]]], overhead: float) -> float:
    """Wall seconds for `episodes` copies of `tasks` on `workers` workers (list scheduling)."""
    waiting = [[len(deps) for _, _, deps in tasks] for _ in range(episodes)]
    dependents: list[list[int]] = [[] for _ in tasks]
    for index, (_, _, deps) in enumerate(tasks):
        for dep in deps:
            dependents[dep].append(index)
    ready = [(episode, index) for episode in range(episodes) for index, (_, _, deps) in enumerate(tasks) if not deps]
    heapq.heapify(ready)
    running: list[tuple[float, int, int]] = []
    now, free = 0.0, workers
    while ready or running:
        while free and ready:
            episode, index = heapq.heappop(ready)
            heapq.heappush(running, (now + tasks[index][1] + overhead, episode, index))
            free -= 1
        now, episode, index = heapq.heappop(running)
        free += 1
        for after in dependents[index]:
            waiting[episode][after] -= 1
            if waiting[episode][after] == 0:
                heapq.heappush(ready, (episode, after))
    return now


def measured_times(bench: dict) -> dict[str, float]:
    stages = bench["stages"]
    renders = stages["render"]
    return {"video_seconds": bench["video_seconds"], "speak": stages["speak"]["wall"], "motion": stages["motion"]["wall"],
            "audio": stages["audio"]["wall"], "encode": stages["encode"]["wall"],
            "render_per_chunk": renders["wall"] / renders["calls"] * 30 / (bench["video_seconds"] / renders["calls"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", required=True, help="JSON from `scripts/bench-flyte --json` (1 render task)")
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--chunk-seconds", type=float, default=30.0, help="video seconds per render task")
    parser.add_argument("--task-overhead", type=float, default=5.0, help="seconds per task on a cluster (assumed)")
    args = parser.parse_args(argv)
    times = measured_times(json.loads(Path(args.source).read_text()))
    tasks = episode_tasks(args.minutes, times, args.chunk_seconds)
    work = sum(seconds + args.task_overhead for _, seconds, _ in tasks)
    print(f"per {args.minutes:g}-minute episode: {len(tasks)} tasks, {work:.0f} worker-seconds "
          f"(render {times['render_per_chunk'] * args.chunk_seconds / 30:.2f} s per {args.chunk_seconds:g} s chunk, {args.task_overhead:g} s overhead per task)")
    for workers in args.workers:
        wall = simulate(args.episodes, workers, tasks, args.task_overhead)
        line = f"  K={workers:>4} workers: {args.episodes} episodes in {wall / 3600:.2f} h"
        for name, (rate, vcpus) in RATES.items():
            cost = workers * wall / 3600 * rate * WORKER_VCPU / vcpus
            line += f"; {name}: ${cost:.2f} (${cost / (args.episodes * args.minutes):.4f}/video min)"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
