#!/usr/bin/env python3
# Generates the tiny fictional brat corpus used by the ner tests.
import os, random
random.seed(7)
people = [("Иван", "Кедров", "Ивана Кедрова", "Иван Кедров"), ("Анна", "Лесная", "Анны Лесной", "Анна Лесная"),
          ("Пётр", "Брусникин", "Петра Брусникина", "Пётр Брусникин"), ("Мария", "Ольховская", "Марии Ольховской", "Мария Ольховская"),
          ("Олег", "Сосновский", "Олега Сосновского", "Олег Сосновский"), ("Нина", "Рябинина", "Нины Рябининой", "Нина Рябинина")]
cities = [("Кедровск", "Кедровске", "Кедровска"), ("Лесногорск", "Лесногорске", "Лесногорска"), ("Ольховка", "Ольховке", "Ольховки"),
          ("Сосновец", "Сосновце", "Сосновца")]
orgs = [("«Северный мост»", "компании «Северный мост»"), ("Кедровский совет", "Кедровского совета"), ("«Лесная почта»", "редакции «Лесной почты»")]
positions = [("мэр", "мэра"), ("губернатор", "губернатора"), ("директор", "директора")]
templates = [
  "{posphrase} {per_nom} посетил {city_acc} в понедельник.",
  "По словам {per_gen}, работы в {city_loc} завершатся к осени.",
  "{per_nom} встретился с руководством {org_gen}.",
  "В {city_loc} открылся новый мост, сообщил {posphrase} {per_nom}.",
  "Сотрудники {org_gen} приехали в {city_acc}.",
  "Жители {city_gen} поддержали решение {per_gen}.",
]
def build(n_sent, seed):
    rnd = random.Random(seed)
    text = ""; anns = []
    def add(s, typ=None):
        nonlocal text
        start = len(text); text += s
        if typ: anns.append((typ, start, len(text), s))
    for _ in range(n_sent):
        t = rnd.choice(templates)
        p = rnd.choice(people); c = rnd.choice(cities); o = rnd.choice(orgs); po = rnd.choice(positions)
        parts = []
        i = 0
        import re
        for m in re.finditer(r"\{(\w+)\}", t):
            add(t[i:m.start()]); key = m.group(1); i = m.end()
            if key == "per_nom": add(p[3], "PERSON")
            elif key == "per_gen": add(p[2], "PERSON")
            elif key == "city_loc": add(c[1], "CITY")
            elif key == "city_gen": add(c[2], "CITY")
            elif key == "city_acc": add(c[0], "CITY")
            elif key == "org_gen":
                add(o[1], "ORGANIZATION")
            elif key == "posphrase":
                start = len(text)
                word = po[0].capitalize() if (text == "" or text.endswith(". ")) else po[0]
                add(word + " "); add(c[2], "CITY")
                anns.append(("PROFESSION", start, len(text), text[start:]))
            elif key == "pos_nom":
                if not text or text.endswith("\n") or text.endswith(". ") or text == "":
                    add(po[0].capitalize(), "PROFESSION")
                else:
                    add(po[0], "PROFESSION")
        add(t[i:]); add(" ")
    text = text.rstrip() + "\n"
    return text, anns
os.chdir(os.path.dirname(os.path.abspath(__file__)))
for split, count, base in (("train", 6, 100), ("dev", 2, 900)):
    for k in range(count):
        text, anns = build(12, base + k)
        name = f"{split}/{k+1:03d}"
        open(name + ".txt", "w").write(text)
        with open(name + ".ann", "w") as f:
            for j, (typ, s, e, surf) in enumerate(anns):
                f.write(f"T{j+1}\t{typ} {s} {e}\t{surf}\n")
