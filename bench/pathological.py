#!/usr/bin/env python3
"""Pathological inputs at four doubling sizes: time and peak memory of the
kto command that reads each, to show that cost stays linear (a doubling
about doubles the time; a quadratic step would quadruple it) and memory
bounded. The inputs are generated (fictional names), written to a
scratch folder and removed.

    python3 bench/pathological.py [--kto build/release/kto] [--only CASE] [--scale 0.25]

Cases: article (one article of plain news text naming three persons a
sentence, up to the default limit of 4 MB), over-limit (the same up to
50 MB: refused, exit 3), line (a line of one letter, no space, up to 10
MB), run-on (a million words without a
sentence end), capitals (100,000 capitalized names in a row), nested (HTML
nested 100,000 deep), feed (an RSS feed of 100,000 items, read and stored
without analysis: linking 100,000 articles is the ingestion benchmarks'
business), keys (a JSON line of 10,000 keys). --scale shrinks every size
(a quick look). Prints one row per run: seconds, peak resident MB, and the
time ratio to the size before.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

SYLLABLES = ["ке", "дро", "ле", "си", "на", "зи", "мо", "ра", "ту", "ве", "лин", "гор", "сан", "тар"]


def surname(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + "ов"


def news_text(size, rng):
    parts, total = [], 0
    while total < size:
        s = (f"Губернатор {surname(rng)} и мэр {surname(rng)} обсудили в Лесногорске вопрос "
             f"номер {rng.randint(1, 10**6)}. «Мы готовы», — сказал {surname(rng)}.\n")
        parts.append(s)
        total += len(s.encode())
    return "".join(parts)


def make_article(path, n, rng):
    with open(path, "w") as f:
        f.write(news_text(n, rng))


def make_line(path, n, rng):
    with open(path, "w") as f:
        f.write("а" * (n // 2))


def make_run_on(path, n, rng):
    words = ["слово", "дорога", "мост", "город", "строители", "район", "область"]
    with open(path, "w") as f:
        f.write(" ".join(rng.choice(words) for _ in range(n)))


def make_capitals(path, n, rng):
    with open(path, "w") as f:
        f.write(" ".join(surname(rng) for _ in range(n)))


def make_nested(path, n, rng):
    with open(path, "w") as f:
        f.write("<html><body>" + "<div>" * n + "<p>Мэр Олег Лесин открыл мост.</p>" +
                "</div>" * n + "</body></html>")


def make_feed(path, n, rng):
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                "<title>Вестник</title>")
        for i in range(n):
            f.write(f"<item><guid>i{i}</guid><title>Новость {i}</title><description>Мэр "
                    f"{surname(rng)} открыл мост номер {i}.</description></item>")
        f.write("</channel></rss>")


def make_keys(path, n, rng):
    article = {f"k{i}": f"значение {i}" for i in range(n)}
    article.update({"id": "keys", "text": "Мэр Олег Лесин открыл мост."})
    with open(path, "w") as f:
        f.write(json.dumps(article, ensure_ascii=False) + "\n")


# name -> (largest size, unit, maker, file name, command after the kto binary)
CASES = {
    "article": ((4 << 20) - 4096, "bytes", make_article, "a.txt", ["analyze", "--json"]),
    "over-limit": (50 << 20, "bytes", make_article, "a.txt", ["analyze", "--json"]),
    "line": (10 << 20, "bytes", make_line, "a.txt", ["analyze", "--json", "--max-article-mb", "16"]),
    "run-on": (1_000_000, "words", make_run_on, "a.txt",
               ["analyze", "--json", "--max-article-mb", "16"]),
    "capitals": (100_000, "words", make_capitals, "a.txt", ["analyze", "--json"]),
    "nested": (100_000, "levels", make_nested, "a.html", ["ingest", "--format", "html"]),
    "feed": (100_000, "items", make_feed, "a.xml", ["ingest", "--format", "feed", "--no-analysis"]),
    "keys": (10_000, "keys", make_keys, "a.jsonl", ["analyze", "--json"]),
}


def run(kto, command, path, scratch):
    argv = [kto] + command
    if command[0] == "ingest":
        db = os.path.join(scratch, "kto.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        argv += ["--db", db]
    argv.append(path)
    # GNU time measures the program alone (the rusage of a child forked from
    # this process would count this process's pages too).
    proc = subprocess.run(["/usr/bin/time", "-f", "kto-time %e %M"] + argv,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines = proc.stderr.decode(errors="replace").splitlines()
    _, seconds, peak_kb = lines[-1].split()
    return float(seconds), int(peak_kb) / 1024, proc.returncode, "\n".join(lines[:-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kto", default="build/release/kto")
    parser.add_argument("--only", choices=sorted(CASES), action="append")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="kto-pathological.")
    try:
        print(f"{'case':<9} {'size':>12} {'unit':<6} {'seconds':>8} {'peak MB':>8} {'x time':>7}  exit")
        for name in args.only or CASES:
            largest, unit, make, file_name, command = CASES[name]
            previous = None
            for step in (3, 2, 1, 0):
                size = max(1, int(largest * args.scale) >> step)
                path = os.path.join(scratch, file_name)
                make(path, size, random.Random(size))
                seconds, peak, code, err = run(args.kto, command, path, scratch)
                ratio = f"{seconds / previous:7.2f}" if previous else " " * 7
                note = "" if code == 0 else "  " + (err.strip().splitlines() or [""])[0][:110]
                print(f"{name:<9} {size:>12,} {unit:<6} {seconds:8.2f} {peak:8.0f} {ratio}  {code}{note}",
                      flush=True)
                previous = seconds
                os.remove(path)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    sys.exit(main())
