#!/usr/bin/env python3
"""Is the cost of analysis linear in the input? Two measurements on the
unlabelled real news of ../shared/data (converted into a scratch folder,
never into the repository):

  sizes   articles of about 1 KB, 10 KB, 100 KB and 1 MB, made by joining
          consecutive news texts at paragraph breaks, the same volume of
          text (--volume-mb) at each size, each through `kto bench analyze`
          (one thread, one pass, caches starting empty), the sizes in turn
          for --rounds rounds (the machine is noisy): the median
          microseconds of CPU per KB and per article at each size, and the
          ratio of the largest per-KB time to the smallest (flat = 1).
  stream  the corpus --passes times over (each copy a new article) through
          one `kto analyze --json -`, its answers timed as they come out:
          articles and KB per second in each pass and the process's resident
          memory at its end. Every pass is the same text, so a cache or
          profile growing without bound would show as later passes slower
          or memory still climbing (later passes are faster at first: the
          caches know the words).

    python3 bench/scaling.py [--kto build/release/kto] [--only sizes|stream]
                             [--volume-mb 8] [--rounds 3] [--passes 4]
"""
import argparse
import gzip
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news-unlabelled" / "news.jsonl.gz"
SIZES_KB = [1, 10, 100, 1000]


def news_texts():
    with gzip.open(NEWS, "rt", encoding="utf-8") as src:
        for line in src:
            text = json.loads(line)["text"].strip()
            if text:
                yield text


def articles_of_size(size_bytes, volume_bytes):
    """Articles of about size_bytes (UTF-8) joining news paragraphs, until
    volume_bytes are made; the corpus is read from its start for every size."""
    out, current, current_bytes, total = [], [], 0, 0
    while total < volume_bytes:
        for text in news_texts():
            for paragraph in text.split("\n"):
                paragraph = paragraph.strip()
                if not paragraph:
                    continue
                current.append(paragraph)
                current_bytes += len(paragraph.encode("utf-8")) + 1
                if current_bytes >= size_bytes:
                    out.append("\n".join(current))
                    total += current_bytes
                    current, current_bytes = [], 0
                    if total >= volume_bytes:
                        return out
    return out


def bench_sizes(kto, scratch, volume_mb, rounds):
    print(f"sizes: {volume_mb} MB of real news at each size, `kto bench analyze`, one pass; "
          f"the sizes in turn, {rounds} rounds, medians")
    paths = {}
    for kb in SIZES_KB:
        paths[kb] = scratch / f"size-{kb}kb.jsonl"
        with open(paths[kb], "w", encoding="utf-8") as out:
            for i, text in enumerate(articles_of_size(kb * 1024, volume_mb * 1024 * 1024)):
                out.write(json.dumps({"id": f"s{kb}-{i}", "text": text}, ensure_ascii=False) + "\n")
    results = {kb: [] for kb in SIZES_KB}
    for _ in range(rounds):
        for kb in SIZES_KB:
            results[kb].append(json.loads(subprocess.run(
                [kto, "bench", "analyze", "--input", str(paths[kb])],
                check=True, capture_output=True, text=True).stdout))
    per_kb = {}
    for kb in SIZES_KB:
        runs = results[kb]
        seconds = statistics.median(r["cpu_seconds"] for r in runs)
        per_kb[kb] = seconds * 1e6 / (runs[0]["bytes"] / 1024)
        print(f"  {kb:>5} KB x {runs[0]['docs']:>5}: {per_kb[kb]:7.1f} us of CPU per KB, "
              f"{seconds * 1e3 / runs[0]['docs']:9.2f} ms per article, "
              f"peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB")
    print(f"  largest / smallest time per KB: {max(per_kb.values()) / min(per_kb.values()):.2f}")


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bench_stream(kto, passes):
    texts = list(news_texts())
    sizes = [len(t.encode("utf-8")) for t in texts]
    print(f"stream: {passes} passes over the {len(texts)} articles of the news corpus "
          f"({sum(sizes) / 1e6:.0f} MB), each copy a new article, through one "
          f"`kto analyze --json -`; one line a pass (the same text each time)")
    proc = subprocess.Popen([kto, "analyze", "--json", "--format", "jsonl", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)

    def feed():
        for p in range(passes):
            for i, text in enumerate(texts):
                proc.stdin.write((json.dumps({"id": f"p{p}-{i}", "text": text},
                                             ensure_ascii=False) + "\n").encode("utf-8"))
        proc.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    start = last = time.monotonic()
    done = 0
    for _ in proc.stdout:
        done += 1
        if done % len(texts) == 0:
            now = time.monotonic()
            print(f"  pass {done // len(texts)}: articles {done - len(texts) + 1}-{done}, "
                  f"{len(texts) / (now - last):6.0f} articles/s, "
                  f"{sum(sizes) / 1024 / (now - last):6.0f} KB/s, RSS {rss_mb(proc.pid):.0f} MB",
                  flush=True)
            last = now
    feeder.join()
    proc.wait()
    print(f"  all: {done / (time.monotonic() - start):.0f} articles/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kto", default=str(ROOT / "build" / "release" / "kto"))
    parser.add_argument("--only", choices=["sizes", "stream"])
    parser.add_argument("--volume-mb", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--passes", type=int, default=4)
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"scaling.py: {NEWS} is missing")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="kto_scaling_"))
    try:
        with open("/proc/loadavg") as f:
            print(f"machine: {os.cpu_count()} cores, load average {' '.join(f.read().split()[:3])}")
        if args.only in (None, "sizes"):
            bench_sizes(args.kto, scratch, args.volume_mb, args.rounds)
        if args.only in (None, "stream"):
            bench_stream(args.kto, args.passes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
