#!/usr/bin/env python3
"""Writes N synthetic news articles of about 2 KB as JSON lines (fictional
names and places), for `kto bench store` and `kto ingest` timings.

    python3 bench/make_articles.py 10000 > /tmp/articles.jsonl
"""
import json
import random
import sys

NAMES = ["Игорь Кедров", "Анна Зимина", "Олег Лесин", "Пётр Алёшин", "Мария Светлова"]
PLACES = ["Кедровске", "Лесногорске", "Северской области", "Светлогорске"]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = random.Random(1)
    out = sys.stdout
    for i in range(count):
        parts, size = [], 0
        while size < 2000:
            part = (f"{rng.choice(NAMES)} в {rng.choice(PLACES)} обсудил вопрос номер "
                    f"{rng.randint(1, 10**6)}.")
            parts.append(part)
            size += len(part.encode()) + 1
        out.write(json.dumps({"id": f"n{i}", "title": f"Новость {i}", "text": " ".join(parts),
                              "published_at": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z",
                              "source": "bench"}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
