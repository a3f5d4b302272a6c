"""Synthetic news corpus for benchmarks: distinct, realistic-looking force-posture articles.

``make_corpus(n_docs, seed)`` returns article dicts (doc_id, text, outlet, published, url,
title) of about 3 KB each. Articles are assembled from varied paragraphs: a dated lede,
attributed force figures in the forms real copy uses ("about 30,000", "up to 200",
"between 5,000 and 7,000", "tens of thousands", "1.5 million", "30k", number words, a
qualifier shared across a list), and mostly filler news prose without figures (diplomacy,
quotes, background, dates, durations, distances, model designations such as S-400 or
T-72, page furniture). Like real news, most sentences carry no force figure.

The text is for throughput and scale tests, not for scoring: nothing here is gold.
Generation is deterministic for a given (n_docs, seed) and fast (10,000 articles, ~30 MB,
in a few seconds on one core).

CLI: ``python bench/corpus.py --docs N --out FILE.jsonl [--seed S]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

#: Outlet name, URL host, dateline style ("wire", "plain", "state").
OUTLETS: list[tuple[str, str, str]] = [
    ("Reuters", "www.reuters.com", "wire"),
    ("Associated Press", "apnews.com", "wire"),
    ("Agence France-Presse", "www.afp.com", "wire"),
    ("The Kyiv Independent", "kyivindependent.com", "plain"),
    ("Ukrainska Pravda", "www.pravda.com.ua", "plain"),
    ("TASS", "tass.com", "state"),
    ("RIA Novosti", "ria.ru", "state"),
    ("BelTA", "eng.belta.by", "state"),
    ("BBC News", "www.bbc.com", "plain"),
    ("Deutsche Welle", "www.dw.com", "plain"),
    ("Defense News", "www.defensenews.com", "plain"),
    ("The Moscow Times", "www.themoscowtimes.com", "plain"),
    ("Radio Free Europe/Radio Liberty", "www.rferl.org", "plain"),
    ("Notes from Poland", "notesfrompoland.com", "plain"),
    ("Baltic News Service", "bns.lt", "wire"),
    ("Institute for the Study of War", "www.understandingwar.org", "plain"),
]

CITIES = ["KYIV", "MOSCOW", "MINSK", "WARSAW", "BRUSSELS", "WASHINGTON", "VILNIUS", "RIGA",
          "BUCHAREST", "BERLIN", "LONDON", "TALLINN", "CHISINAU", "HELSINKI", "ANKARA"]  # fmt: skip

#: Side adjective, side noun (for "X's forces"), and the places where its forces stand.
SIDES: list[tuple[str, str, list[str]]] = [
    ("Russian", "Russia", [
        "near the Ukrainian border", "in Belarus", "in occupied Crimea", "in the Bryansk region",
        "along the border with Ukraine", "in the Kursk region", "near Kharkiv",
        "in the occupied territories", "in the Kaliningrad exclave",
        "on the left bank of the Dnipro", "in the Zaporizhzhia region", "around Bakhmut",
        "in western Russia", "near Pskov"]),
    ("Belarusian", "Belarus", [
        "near the border with Ukraine", "in the Gomel region", "near Brest", "in southern Belarus",
        "along the Polish border", "near Grodno"]),
    ("Ukrainian", "Ukraine", [
        "in the Kharkiv region", "near Zaporizhzhia", "in the Donbas", "around Kherson",
        "along the northern border", "near Avdiivka", "in the Sumy region"]),
    ("American", "the United States", [
        "in Poland", "in Romania", "in the Baltic states", "in Germany", "in eastern Europe",
        "at Rzeszow", "in Lithuania"]),
    ("NATO", "NATO", [
        "on the alliance's eastern flank", "in the Baltic states", "in Poland", "in Romania",
        "in Estonia", "in Latvia", "in Slovakia", "in the Black Sea region"]),
    ("British", "Britain", ["in Estonia", "in Poland", "in eastern Europe"]),
    ("German", "Germany", ["in Lithuania", "in Slovakia", "on NATO's eastern flank"]),
    ("Polish", "Poland", ["along the border with Belarus", "in eastern Poland", "near Bialystok"]),
]  # fmt: skip

#: (count noun, typical magnitude low, high) per category.
ITEMS: list[tuple[str, int, int]] = [
    ("troops", 1_000, 200_000), ("soldiers", 500, 100_000), ("servicemen", 500, 50_000),
    ("military personnel", 1_000, 150_000), ("combat troops", 2_000, 60_000),
    ("paratroopers", 300, 8_000), ("reservists", 5_000, 300_000),
    ("tanks", 20, 1_500), ("main battle tanks", 20, 900), ("armored vehicles", 50, 2_000),
    ("armoured personnel carriers", 20, 600), ("infantry fighting vehicles", 20, 500),
    ("artillery pieces", 20, 1_000), ("self-propelled howitzers", 6, 200),
    ("multiple rocket launchers", 6, 150), ("mortars", 20, 400),
    ("combat aircraft", 6, 400), ("fighter jets", 4, 120), ("helicopters", 4, 150),
    ("attack helicopters", 4, 60), ("air defense systems", 2, 60), ("Patriot batteries", 1, 12),
    ("missile launchers", 2, 60), ("warships", 2, 40), ("landing ships", 1, 12),
    ("battalion tactical groups", 2, 120), ("brigades", 2, 30), ("battalions", 2, 60),
]  # fmt: skip
#: Facilities used by forces (they appear in their own sentence patterns).
FACILITIES: list[str] = ["training ranges", "airfields", "field camps", "training grounds",
                         "forward bases"]  # fmt: skip

MODELS = ["S-400", "Su-35", "Su-34", "T-72", "T-90M", "Mi-8", "Ka-52", "Tu-22M3", "Iskander-M",
          "9K720", "BMP-3", "MiG-31", "Pantsir-S1", "M1A1 Abrams", "Leopard 2A6", "F-35",
          "HIMARS", "Bradley M2", "Challenger 2", "Bayraktar TB2", "NASAMS",
          "IRIS-T SLM"]  # fmt: skip

EVENTS = ["Zapad-2021", "Union Resolve-2022", "Union Shield-2023", "Steadfast Defender 2024",
          "Defender Europe 21", "Vostok-2022", "Sea Breeze-2021", "Saber Strike 22"]  # fmt: skip

CLAIMANTS = [
    ("the Pentagon", "said"), ("NATO Secretary-General Jens Stoltenberg", "said"),
    ("Ukraine's military intelligence", "said"), ("the Belarusian Defense Ministry", "said"),
    ("the Russian Defense Ministry", "said"), ("a senior U.S. defense official", "said"),
    ("Ukraine's General Staff", "reported"), ("the UK Ministry of Defence", "said"),
    ("Western officials", "estimated"), ("the Institute for the Study of War", "assessed"),
    ("Polish Defense Minister Mariusz Blaszczak", "said"), ("the Kremlin", "said"),
    ("U.S. intelligence officials", "estimated"), ("Lithuania's defense ministry", "said"),
    ("Ukraine's State Border Guard Service", "said"), ("the IISS", "estimated"),
    ("Estonian military intelligence", "said"), ("the Ukrainian Air Force", "reported"),
]  # fmt: skip

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen",
                20: "twenty", 24: "two dozen", 30: "thirty", 50: "fifty"}  # fmt: skip
VAGUE = ["dozens of", "hundreds of", "thousands of", "tens of thousands of", "several thousand",
         "a few hundred", "hundreds of thousands of"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

FILLER = [
    "Talks between the two sides ended without agreement on {weekday}, diplomats said.",
    "The foreign ministry summoned the ambassador for consultations after the incident.",
    "{person} is expected to travel to {capital} next week for talks with his counterpart.",
    "The meeting lasted {n_hours} hours and ended with a short joint statement.",
    "Officials declined to comment on the timing of the deployment.",
    "\"We will not be intimidated,\" {person} told reporters in {capital}.",
    "\"Our position has not changed, and it will not change,\" {person} said on {weekday}.",
    "The exercises, which began on {date_str}, are scheduled to run for {n_days} days.",
    "Satellite images taken on {date_str} showed new tents and vehicle parks near the site.",
    "The border crossing lies about {km} kilometers from the regional capital.",
    "Residents said they had heard heavy vehicles moving through the town at night.",
    "The government has called an emergency session of the security council for {weekday}.",
    "Analysts said the move was meant as a signal to Western capitals rather than a prelude to "
    "an attack.",
    "The statement did not say how long the units would remain in the area.",
    "Footage shared on social media appeared to show {model} systems loaded on rail cars.",
    "The ministry also published a video of {model} crews training at night.",
    "Prices for fuel and bread have risen by about {pct} percent since the start of the year.",
    "The European Union is preparing a new package of sanctions, the {nth} since 2022.",
    "The parliament approved the budget on {date_str} by {votes} votes to {votes2}.",
    "Air raid sirens sounded across the region for nearly {n_hours} hours overnight.",
    "The railway line was closed for {n_days} days for repairs, the operator said.",
    "The {ordinal} Guards Tank Army has been reorganized several times since 2014.",
    "Observers from {n_countries} countries were invited to watch the final stage.",
    "The embassy advised its citizens to leave the country while commercial flights remain "
    "available.",
    "{person} said the situation was \"serious but under control.\"",
    "The drills are named {event}, the defense ministry said.",
    "Lawmakers in {capital} are due to debate the issue on {weekday}.",
    "A spokesperson for the presidential office did not respond to a request for comment.",
    "The road between the two towns is about {km} km long and was heavily damaged last winter.",
    "Local authorities said {n_small} people were injured when debris fell on a residential "
    "building.",
    "The agreement, signed in {year}, expires at the end of the decade.",
    "Inflation reached {pct} percent in {month}, the central bank said.",
    "The military attaches of {n_countries} embassies attended the briefing.",
    "The summit is expected to last two days and end with a joint communique.",
    "Kyiv has repeatedly asked its partners for more air defense, {person} said.",
    "The region has been under curfew since {date_str}, local officials said.",
    "The {event} drills were announced months in advance, according to the ministry.",
    "Moscow has denied any plans to attack its neighbor and accused the West of hysteria.",
    "The talks, held behind closed doors, were described by one participant as \"frank.\"",
    "Schools in the border district switched to remote learning for {n_days} days.",
    "{person} spoke by phone with {person2} on {weekday}, his office said.",
    "The ministry said the video was filmed on {date_str} and published without delay.",
    "A convoy was seen on the highway about {km} km north of the city, witnesses said.",
    "The ceasefire brokered in {year} has been violated repeatedly, monitors said.",
    "Electricity was restored to most homes within {n_hours} hours, the grid operator said.",
    "{person} did not say how many soldiers would take part.",
    "The ministry did not disclose the number of troops involved.",
    "Officials gave no figures for the size of the contingent.",
    "The deputy minister briefed the military attaches of {n_countries} countries on the plans.",
    "The train journey from {capital} takes about {n_hours} hours.",
    "Opposition lawmakers called the decision a mistake and demanded a debate.",
    "Prices at the pump have doubled since {month}, drivers complained.",
    "The base was first used by Soviet forces in the 1950s and was modernized in {year}.",
    "The announcement drew a sharp response from {capital}, where officials accused the West "
    "of stoking tensions.",
    "Diplomats said the mood at the talks had improved, although no breakthrough was expected.",
    "{person} urged both sides to return to negotiations and avoid steps that could escalate "
    "the situation.",
    "The opposition said the government had been too slow to respond to the threat.",
    "Residents of border villages said they were stocking up on food and fuel.",
    "The ministry called the reports \"fake news\" and said its forces were acting within the "
    "law.",
    "Military analysts cautioned that the movements could also be part of routine rotation.",
    "Some of the units were seen heading back to their garrisons, witnesses said.",
    "The statement was published on the ministry's website and its Telegram channel.",
    "{person} said the alliance would respond to any aggression \"swiftly and decisively.\"",
    "The European Commission said it was following developments closely.",
    "Human rights groups have documented arrests of people who filmed military convoys.",
    "State television showed footage of soldiers unloading equipment at a railway station.",
    "The decision still needs the approval of parliament, which is expected to back it.",
    "Officials in {capital} said they had not been consulted in advance.",
    "The Kremlin has dismissed the warnings as alarmist and politically motivated.",
    "Independent journalists have not been allowed into the area.",
    "Local media reported long queues at the border crossings in both directions.",
    "The head of the regional administration asked residents to remain calm.",
    "Western diplomats said the coming weeks would be decisive.",
    "The drills include live-fire exercises and the practice of river crossings.",
    "{person} called the move a provocation and said it would not go unanswered.",
    "Analysts said the logistics visible on the ground pointed to a longer stay.",
    "The government has not published any details of the agreement.",
    "Several airlines have suspended flights over the region as a precaution.",
]  # fmt: skip
NTH = ["ninth", "tenth", "eleventh", "twelfth", "13th", "14th", "15th"]

PERSONS = ["Dmitry Peskov", "Volodymyr Zelensky", "Alexander Lukashenko", "Antony Blinken",
           "Olaf Scholz", "Andrzej Duda", "Gabrielius Landsbergis", "Kaja Kallas", "Sergei Shoigu",
           "Lloyd Austin", "Viktor Khrenin", "Oleksii Reznikov", "Maia Sandu",
           "Ben Wallace"]  # fmt: skip
CAPITALS = ["Kyiv", "Moscow", "Minsk", "Warsaw", "Brussels", "Washington", "Vilnius", "Berlin",
            "Paris", "London", "Bucharest", "Tallinn", "Riga", "Helsinki"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
FURNITURE = ["Follow us on Twitter, Facebook and Google News",
             "Read more: What we know about the troop buildup",
             "Subscribe to our newsletter for daily updates.",
             "(Reporting by newsroom staff; Editing by the world desk)",
             "Photo: Military vehicles on a road near the border on {date_str}. (File photo)",
             "Share this article", "Related: The war in maps"]  # fmt: skip


def _round(rng: random.Random, lo: int, hi: int) -> int:
    """A plausible reported figure between lo and hi, rounded like news copy."""
    value = int(10 ** rng.uniform(len(str(lo)) - 1, len(str(hi))))
    value = min(max(value, lo, 2), hi)
    for step in (10_000, 1_000, 100, 10):
        if value >= step * 10:
            return max(step, round(value / step) * step)
    return value


def _spell(rng: random.Random, value: int) -> str:
    """The figure as news copy writes it: digits, words, '1.5 million' or '30k'."""
    if value in NUMBER_WORDS and rng.random() < 0.5:
        return NUMBER_WORDS[value]
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} million".replace(".0 ", " ")
    if value >= 100_000 and value % 100_000 == 0 and rng.random() < 0.2:
        return f"{value // 1000}k"
    return f"{value:,}"


def _figure(rng: random.Random, lo: int, hi: int) -> str:
    """A qualified figure: 'about 30,000', 'up to 200', 'between 5,000 and 7,000', 'dozens of'."""
    roll = rng.random()
    if roll < 0.08 and hi >= 1_000:
        return rng.choice(VAGUE)
    a = _round(rng, lo, hi)
    if roll < 0.18:
        b = _round(rng, a, max(a * 2, a + 10))
        if b > a:
            return rng.choice(["between {a} and {b}", "{a} to {b}", "from {a} to {b}"]).format(
                a=f"{a:,}", b=f"{b:,}"
            )
    qual = rng.choice(["", "", "", "about ", "around ", "some ", "up to ", "more than ",
                       "at least ", "as many as ", "nearly ", "an estimated ", "roughly ",
                       "fewer than ", "over "])  # fmt: skip
    return qual + _spell(rng, a)


def _figure_sentence(rng: random.Random, ctx: dict[str, str]) -> str:
    """One sentence carrying one to three force figures with an attribution."""
    adj, noun, places = rng.choice(SIDES)
    place = rng.choice(places)
    n_items = 1 if rng.random() < 0.8 else rng.choice([2, 3])
    items = rng.sample(ITEMS, n_items)
    parts = [f"{_figure(rng, lo, hi)} {item}" for item, lo, hi in items]
    listed = parts[0] if n_items == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    who, verb = rng.choice(CLAIMANTS)
    when = rng.choice(["on " + ctx["weekday"], "last week", "earlier this month", "on Monday",
                       "in a statement", "late on " + ctx["weekday"], ""])  # fmt: skip
    if rng.random() < 0.12:
        facility = rng.choice(FACILITIES)
        return rng.choice([
            f"The drills are being held at {_figure(rng, 2, 14)} {facility} {place}.",
            f"{adj} units have been spread across {_figure(rng, 2, 14)} {facility} {place}, "
            f"{who} {verb}.",
        ])  # fmt: skip
    pattern = rng.randrange(9)
    if pattern == 0:
        s = f"{adj} forces have deployed {listed} {place}, {who} {verb} {when}"
    elif pattern == 1:
        s = f"According to {who}, {noun} has massed {listed} {place}"
    elif pattern == 2:
        s = f"{who[0].upper() + who[1:]} {verb} {when} that {listed} were now {place}"
    elif pattern == 3:
        s = f'"We see {listed} {place}," {who} {verb} {when}'
    elif pattern == 4:
        s = f"{noun[0].upper() + noun[1:]} will station {listed} {place}, {who} {verb}"
    elif pattern == 5:
        s = f"The {adj} contingent {place} includes {listed}, {who} {verb}"
    elif pattern == 6:
        s = f"Officials estimated that {listed} had arrived {place} since {ctx['month']}"
    elif pattern == 7:
        s = f"The latest estimate by {who} puts the force {place} at {listed}"
    else:
        s = f"{adj} units {place} were reinforced with {listed}, {who} {verb} {when}"
    return " ".join(s.split()).rstrip(" ,") + "."


def _filler(rng: random.Random, ctx: dict[str, str], deck: list[str]) -> str:
    """One sentence of ordinary news prose with no force figure (traps allowed).

    Templates are dealt from ``deck`` (refilled, shuffled, when empty) so one article rarely
    repeats a sentence.
    """
    if not deck:
        deck.extend(rng.sample(FILLER, len(FILLER)))
    return deck.pop().format(
        weekday=rng.choice(WEEKDAYS), person=rng.choice(PERSONS), capital=rng.choice(CAPITALS),
        n_hours=rng.choice([2, 3, 4, 6, 12, 24]), n_days=rng.choice([3, 5, 7, 10, 14]),
        date_str=ctx["date_str"], km=rng.choice([15, 40, 90, 120, 250, 600]),
        model=rng.choice(MODELS), pct=rng.choice([3, 7, 12, 18, 25]),
        ordinal=rng.choice(["1st", "2nd", "8th", "11th", "14th", "20th"]),
        votes=rng.randint(240, 400), votes2=rng.randint(10, 120), event=rng.choice(EVENTS),
        person2=rng.choice(PERSONS), nth=rng.choice(NTH),
        n_countries=rng.choice([6, 12, 17, 19, 24, 30]), n_small=rng.randint(2, 40),
        year=rng.randint(1991, 2021), month=ctx["month"],
    )  # fmt: skip


def make_article(index: int, seed: int = 0) -> dict[str, str]:
    """One article dict (doc_id, text, outlet, published, url, title), ~3 KB, deterministic."""
    rng = random.Random(seed * 1_000_003 + index)
    outlet, host, style = rng.choice(OUTLETS)
    day = date(2021, 3, 1) + timedelta(days=rng.randrange(1400))
    ctx = {
        "weekday": WEEKDAYS[day.weekday()],
        "date_str": f"{MONTHS[day.month - 1][:3]}. {day.day}",
        "month": MONTHS[day.month - 1],
    }
    adj, noun, places = rng.choice(SIDES)
    title = rng.choice([
        f"{noun[0].upper() + noun[1:]} moves more forces {rng.choice(places)}",
        f"{adj} buildup {rng.choice(places)} worries neighbours",
        f"What we know about the {adj} deployment {rng.choice(places)}",
        f"{rng.choice(EVENTS)} drills: {adj} units on the move",
        f"{rng.choice(PERSONS)} warns of escalation as troops gather",
    ])  # fmt: skip
    city = rng.choice(CITIES)
    lede = {
        "wire": f"{city}, {MONTHS[day.month - 1][:3]} {day.day} ({outlet}) - ",
        "state": f"{city}, {MONTHS[day.month - 1]} {day.day}. /{outlet}/. ",
        "plain": "",
    }[style]
    deck: list[str] = []
    paragraphs = [title, lede + _figure_sentence(rng, ctx) + " " + _filler(rng, ctx, deck)]
    target = rng.randint(2600, 3400)
    size = sum(len(p) + 2 for p in paragraphs)
    while size < target:
        sentences = [
            _figure_sentence(rng, ctx) if rng.random() < 0.16 else _filler(rng, ctx, deck)
            for _ in range(rng.randint(1, 3))
        ]
        para = " ".join(sentences)
        paragraphs.append(para)
        size += len(para) + 2
    paragraphs.append(rng.choice(FURNITURE).format(date_str=ctx["date_str"]))
    text = "\n\n".join(paragraphs) + "\n"
    doc_id = f"bench_{seed}_{index:06d}"
    slug = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    return {
        "doc_id": doc_id,
        "text": text,
        "outlet": outlet,
        "published": day.isoformat(),
        "url": f"https://{host}/news/{day:%Y/%m/%d}/{slug}",
        "title": title,
    }


def make_corpus(n_docs: int, seed: int = 0) -> list[dict[str, str]]:
    """``n_docs`` distinct articles (doc_id, text, outlet, published, url, title), ~3 KB each.

    Raises ValueError for a negative ``n_docs``. Texts are distinct by construction (each
    carries its own random figures and sentences); a duplicate would be regenerated.
    """
    if n_docs < 0:
        raise ValueError(f"n_docs must be >= 0, got {n_docs}")
    docs: list[dict[str, str]] = []
    seen: set[str] = set()
    for index in range(n_docs):
        doc = make_article(index, seed)
        salt = 0
        while doc["text"] in seen:  # practically never: regenerate from another stream
            salt += 1
            doc = {**make_article(index + salt * 10_000_019, seed), "doc_id": doc["doc_id"]}
        seen.add(doc["text"])
        docs.append(doc)
    return docs


def write_jsonl(docs: list[dict[str, str]], out: Path) -> int:
    """Write one JSON object per line; return the number of bytes of article text."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return sum(len(d["text"].encode("utf-8")) for d in docs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.docs < 0:
        parser.error(f"--docs must be >= 0, got {args.docs}")
    docs = make_corpus(args.docs, args.seed)
    n_bytes = write_jsonl(docs, args.out)
    print(f"{len(docs)} articles, {n_bytes / 1e6:.1f} MB of text -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
