#!/usr/bin/env python3
"""Is the cost of analysis linear in the input? Two measurements on the
unlabelled real news of ../shared/data (converted into a scratch folder,
never into the repository):

  sizes   articles of about 1 KB, 10 KB, 100 KB and 1 MB, made by joining
          consecutive news texts at paragraph breaks, the same volume of
          text (--volume-mb) at each size, each through `kto bench analyze`
          (one thread, one pass, caches starting empty): microseconds per KB
          and per article at each size, and the ratio of the largest per-KB
          time to the smallest (flat = close to 1).
  stream  a stream of --stream articles (the corpus over and over, each
          copy a new article) through one `kto analyze --json -`, its
          answers timed as they come out: articles per second in each tenth
          of the stream and the process's resident memory at its end, so
          that growth of a cache or profile without bound would show as
          later tenths slower or memory still climbing.

    python3 bench/scaling.py [--kto build/release/kto] [--only sizes|stream]
                             [--volume-mb 8] [--stream 300000]
"""
import argparse
import gzip
import json
import os
import pathlib
import shutil
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


def bench_sizes(kto, scratch, volume_mb):
    print(f"sizes: {volume_mb} MB of real news at each size, `kto bench analyze`, one pass")
    rows = []
    for kb in SIZES_KB:
        articles = articles_of_size(kb * 1024, volume_mb * 1024 * 1024)
        path = scratch / f"size-{kb}kb.jsonl"
        with open(path, "w", encoding="utf-8") as out:
            for i, text in enumerate(articles):
                out.write(json.dumps({"id": f"s{kb}-{i}", "text": text}, ensure_ascii=False) + "\n")
        result = json.loads(subprocess.run([kto, "bench", "analyze", "--input", str(path)],
                                           check=True, capture_output=True, text=True).stdout)
        us_per_kb = result["cpu_seconds"] * 1e6 / (result["bytes"] / 1024)
        rows.append(us_per_kb)
        print(f"  {kb:>5} KB x {result['docs']:>5}: {us_per_kb:7.1f} us of CPU per KB, "
              f"{result['cpu_seconds'] * 1e3 / result['docs']:9.2f} ms per article, "
              f"peak RSS {result['peak_rss_mb']:.0f} MB")
    print(f"  largest / smallest time per KB: {max(rows) / min(rows):.2f}")


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def bench_stream(kto, count):
    print(f"stream: {count} articles of real news through one `kto analyze --json -`")
    proc = subprocess.Popen([kto, "analyze", "--json", "--format", "jsonl", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def feed():
        written = 0
        while written < count:
            for text in news_texts():
                proc.stdin.write((json.dumps({"id": f"a{written}", "text": text},
                                             ensure_ascii=False) + "\n").encode("utf-8"))
                written += 1
                if written == count:
                    break
        proc.stdin.close()

    feeder = threading.Thread(target=feed)
    feeder.start()
    window = max(1, count // 10)
    start = last = time.monotonic()
    done = 0
    for _ in proc.stdout:
        done += 1
        if done % window == 0:
            now = time.monotonic()
            print(f"  articles {done - window + 1:>8}-{done:<8} {window / (now - last):7.0f} "
                  f"articles/s, RSS {rss_mb(proc.pid):.0f} MB", flush=True)
            last = now
    feeder.join()
    proc.wait()
    print(f"  all: {done / (time.monotonic() - start):.0f} articles/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kto", default=str(ROOT / "build" / "release" / "kto"))
    parser.add_argument("--only", choices=["sizes", "stream"])
    parser.add_argument("--volume-mb", type=int, default=8)
    parser.add_argument("--stream", type=int, default=300000)
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"scaling.py: {NEWS} is missing")
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="kto_scaling_"))
    try:
        with open("/proc/loadavg") as f:
            print(f"machine: {os.cpu_count()} cores, load average {' '.join(f.read().split()[:3])}")
        if args.only in (None, "sizes"):
            bench_sizes(args.kto, scratch, args.volume_mb)
        if args.only in (None, "stream"):
            bench_stream(args.kto, args.stream)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
