#!/usr/bin/env python3
"""Fills a kto store with a synthetic knowledge base for the latency of
`kto panel` and `kto person` (issue 6): N articles (default 100,000) over two
years, 20,000 fictional persons mentioned with a Zipf-like frequency (the
most frequent one in about a third of the articles, as a head of state is),
3-8 persons per article, a position for most mentions, quotes.

    build/release/kto ingest --no-analysis --db /tmp/kb100k.db examples/scenario.jsonl  # the schema
    python3 bench/make_kb.py /tmp/kb100k.db 100000

It writes the tables directly (the same rows WriteAnalysis writes, derived
columns and tables included: person_articles, counts, first and last seen,
co_mentions, name keys), in one transaction; run it on a fresh store of the
current schema only. The full-text index is left empty: bench/load.sh has
kto rebuild it (it drops the store's search_tokenizer mark, which makes kto
reindex on the next open). For a PostgreSQL store, make a SQLite one and copy it
with `kto migrate --from FILE --to postgresql://...`.
"""
import hashlib
import pathlib
import random
import re
import sqlite3
import sys

# The analysis version kto writes (include/kto/link/linker.h): articles
# marked with an older one are analyzed again by `kto ingest`.
ANALYSIS_VERSION = int(re.search(
    r"kAnalysisVersion = (\d+);",
    (pathlib.Path(__file__).resolve().parent.parent / "include/kto/link/linker.h").read_text()).group(1))

FIRST = ["Игорь", "Анна", "Олег", "Пётр", "Мария", "Сергей", "Елена", "Дмитрий", "Ольга", "Павел",
         "Ирина", "Андрей", "Наталья", "Виктор", "Светлана", "Алексей", "Татьяна", "Юрий"]
PATR = ["Павлович", "Сергеевич", "Игоревич", "Андреевич", "Викторович", ""]
SURN = ["Кедров", "Лесин", "Алёшин", "Светлов", "Зимин", "Ольховский", "Берестов", "Сосновский",
        "Рябинин", "Дубравин", "Ветров", "Ивнёв", "Ясенев", "Клёнов", "Липин", "Вязов", "Тополев",
        "Осинин", "Ольшанский", "Буков", "Грабов", "Ракитин", "Черёмухин", "Калинин", "Рогозин"]
TITLES = [("губернатор", "Северская область"), ("мэр", "Кедровск"), ("министр транспорта", "Северская область"),
          ("депутат", "Областная дума"), ("директор", "Кедровский завод"), ("тренер", "Метеор"),
          ("председатель", "Областная дума"), ("глава", "Лесногорский район"), ("прокурор", "Северская область")]


def main() -> None:
    path = sys.argv[1]
    n_articles = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    n_persons = 20000
    rng = random.Random(6)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    cur = db.cursor()
    (base_article,) = cur.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()
    (base_person,) = cur.execute("SELECT COALESCE(MAX(id), 0) FROM persons").fetchone()
    now = "2026-11-28T12:00:00Z"
    persons = []
    for i in range(n_persons):
        first, surname = FIRST[i % len(FIRST)], SURN[(i // len(FIRST)) % len(SURN)]
        if first[-1] in "аяь" and first not in ("Игорь",):
            surname = surname[:-2] + "ская" if surname.endswith("ский") else surname + "а"
            gender, patr = "f", ""
        else:
            gender, patr = "m", PATR[i % len(PATR)]
        # Many namesakes: the same first name and surname recur every 450 persons.
        display = " ".join(p for p in (first, patr, surname) if p)
        pid = base_person + 1 + i
        persons.append((pid, surname, first, patr, gender, display))
        key = lambda name: name.lower().replace("ё", "е")  # text::MatchKey of these names
        cur.execute("INSERT INTO persons (id, surname, first_name, patronymic, gender, display_name, "
                    "surname_key, created_at, first_name_key, patronymic_key) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (pid, surname, first, patr, gender, display, key(surname), now, key(first),
                     key(patr)))
        cur.execute("INSERT INTO aliases (person_id, alias) VALUES (?, ?)", (pid, display))
    weights = [1.0 / (r + 1) for r in range(n_persons)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect
    def pick():
        return bisect.bisect_left(cum, rng.random() * total)
    positions = {}  # (person, title, org) -> [id, first, last, count]
    next_position = 1
    for a in range(n_articles):
        aid = base_article + 1 + a
        day = a * 730 // n_articles
        date = f"{2025 + day // 365}-{1 + (day % 365) // 31 % 12:02d}-{1 + day % 28:02d}T{a % 24:02d}:00:00Z"
        text = f"Синтетическая статья {a}. " * 8
        cur.execute("INSERT INTO articles (id, external_id, source, published_at, title, text, content_hash, "
                    "analysis_version, needs_analysis, ingested_at, updated_at, article_date) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (aid, f"syn{a}", "bench", date, f"Статья {a}", text,
                     hashlib.sha256(text.encode()).hexdigest(), ANALYSIS_VERSION, 0, now, now, date))
        k = rng.randint(3, 8)
        chosen = []
        while len(chosen) < k:
            p = pick()
            if p not in chosen:
                chosen.append(p)
        if a % 3 == 0:
            chosen[0], chosen[min(1, len(chosen) - 1)] = 0, chosen[0]  # the head of state
            chosen = list(dict.fromkeys(chosen))
        for j, p in enumerate(chosen):
            pid, surname, first, patr, gender, display = persons[p]
            start = j * 20
            cur.execute("INSERT INTO mentions (article_id, person_id, in_title, start_offset, end_offset, "
                        "text, normal) VALUES (?,?,?,?,?,?,?)",
                        (aid, pid, 0, start, start + 10, display, display))
            if rng.random() < 0.6:
                title, org = TITLES[(p + day // 120) % len(TITLES)]  # positions change over time
                key = (pid, title, org)
                pos = positions.get(key)
                if pos is None:
                    pos = positions[key] = [next_position, date, date, 0]
                    cur.execute("INSERT INTO positions (id, person_id, title, org, former, first_seen, "
                                "last_seen, evidence_count) VALUES (?,?,?,?,0,?,?,0)",
                                (next_position, pid, title, org, date, date))
                    next_position += 1
                pos[2] = max(pos[2], date)
                pos[3] += 1
                cur.execute("INSERT INTO position_evidence (position_id, article_id, evidence_date, "
                            "start_offset, end_offset, text) VALUES (?,?,?,?,?,?)",
                            (pos[0], aid, date, start, start + 10, title))
            if rng.random() < 0.1:
                cur.execute("INSERT INTO quotes (article_id, person_id, start_offset, end_offset, text, "
                            "article_date) VALUES (?,?,?,?,?,?)", (aid, pid, 100, 120, f"Цитата {a}", date))
    for (pid, title, org), (posid, first, last, count) in positions.items():
        cur.execute("UPDATE positions SET last_seen = ?, evidence_count = ? WHERE id = ?", (last, count, posid))
    # What WriteAnalysis keeps besides the rows (as the migrations that
    # introduced them derive it).
    cur.executescript("""
        INSERT INTO person_articles (person_id, article_id, article_date)
          SELECT DISTINCT m.person_id, m.article_id, a.article_date
          FROM mentions m JOIN articles a ON a.id = m.article_id;
        UPDATE persons SET
          article_count = (SELECT COUNT(*) FROM person_articles WHERE person_id = persons.id),
          first_seen = COALESCE((SELECT MIN(article_date) FROM person_articles
                                 WHERE person_id = persons.id), ''),
          last_seen = COALESCE((SELECT MAX(article_date) FROM person_articles
                                WHERE person_id = persons.id), '');
        INSERT INTO co_mentions (person_id, other_id, articles)
          SELECT a.person_id, b.person_id, COUNT(*) FROM person_articles a
          JOIN person_articles b ON b.article_id = a.article_id AND b.person_id <> a.person_id
          GROUP BY a.person_id, b.person_id;
    """)
    db.commit()
    db.execute("ANALYZE")
    db.close()


if __name__ == "__main__":
    main()
