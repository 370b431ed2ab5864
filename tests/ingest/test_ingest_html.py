"""HTML pages: main text without boilerplate, metadata, header stripping, hostile markup."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from ingest_support import put, run

from sitreps.errors import Reason, Rejected
from sitreps.ingest.html import MAX_ELEMENTS, fragment_text
from sitreps.model import Article

STORY = [
    "Soldiers from the two armies exchanged fire overnight near the river crossing, the defence "
    "ministry said on Tuesday morning in a short statement.",
    "The ministry said two soldiers were wounded and that the situation was calm by dawn. Officials on "
    "the other side gave no figures and accused their neighbours of starting the shooting.",
    "Talks between the foreign ministers are due to resume next week in a neutral capital, diplomats said.",
]


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    )


ARTICLE_PAGE = page(
    head=(
        "<title>Border clash reported | Caspian Daily</title>"
        "<meta property='og:title' content='Border clash reported near the river'>"
        "<meta property='og:site_name' content='Caspian Daily'>"
        "<meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2022-09-13T08:00:00+04:00'>"
        "<link rel='canonical' href='https://caspian.example/news/border-clash'>"
    ),
    body=(
        "<nav><a href='/'>Home</a> <a href='/politics'>Politics</a> <a href='/sport'>Sport pages</a></nav>"
        "<div class='cookie'>We use cookies to improve your experience here. Accept all cookies.</div>"
        "<article><h1>Border clash reported near the river</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article><aside><h3>Most read</h3><ul><li>Weather turns cold</li><li>Football results</li></ul>"
        "</aside><footer>Copyright 2022 Caspian Daily. All rights reserved. Contact the newsroom.</footer>"
    ),
)


def test_main_text_and_metadata_without_boilerplate(tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "clash.html", ARTICLE_PAGE))
    assert isinstance(article, Article)
    assert article.title == "Border clash reported near the river"
    assert (article.outlet, article.author) == ("Caspian Daily", "Jane Doe")
    assert article.published == date(2022, 9, 13)
    assert article.url == "https://caspian.example/news/border-clash"
    assert article.language == "en"
    assert article.text.startswith("Soldiers from the two armies")  # the <h1> title line is not repeated
    for paragraph in STORY:
        assert paragraph in article.text
    for boilerplate in ("Home", "cookies", "Most read", "Football", "Copyright"):
        assert boilerplate not in article.text


def test_a_kicker_and_the_headline_are_not_kept_in_the_text(tmp_path: Path) -> None:
    body = (
        "<article><p class='kicker'>Border clashes</p><h1>Village counts the damage</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article>"
    )
    [article] = run(put(tmp_path, "kicker.html", page(body, head="<title>Village counts the damage</title>")))
    assert isinstance(article, Article)
    assert article.title == "Village counts the damage"
    assert article.text.startswith("Soldiers from the two armies")


def test_wire_dateline_in_html_is_stripped_and_gives_the_outlet(tmp_path: Path) -> None:
    body = "<article>" + f"<p>BAKU, Sept 13 (Reuters) - {STORY[0]}</p>" + f"<p>{STORY[1]}</p></article>"
    [article] = run(put(tmp_path, "wire.htm", page(body)))
    assert isinstance(article, Article)
    assert article.outlet == "Reuters"
    assert article.text.startswith("Soldiers from the two armies")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><head><title>x</title></head></html>",
        page("<script>var story = 'not text';</script><style>p {color: red}</style>"),
        page("<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><footer>Contact</footer>"),
    ],
)
def test_html_without_main_text_is_rejected(html: str, tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "empty.html", html))
    assert isinstance(result, Rejected)
    assert result.reason is Reason.NO_MAIN_TEXT


def test_a_bare_fragment_is_read(tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "fragment.html", "".join(f"<p>{p}</p>" for p in STORY)))
    assert isinstance(article, Article)
    assert article.text.startswith("Soldiers")


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><article>'
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article></body></html>"
    )
    [article] = run(put(tmp_path, "x.html", xhtml))
    assert isinstance(article, Article)


def test_deeply_nested_markup_neither_crashes_nor_hangs(tmp_path: Path) -> None:
    nested = "<div>" * 50_000 + STORY[0] + "</div>" * 50_000
    started = time.monotonic()
    [result] = run(put(tmp_path, "nested.html", page(nested)))
    assert time.monotonic() - started < 10
    assert isinstance(result, Article | Rejected)


def test_huge_tag_repetition_is_refused_before_extraction(tmp_path: Path) -> None:
    started = time.monotonic()
    [result] = run(put(tmp_path, "flat.html", page("<b>x</b>" * (MAX_ELEMENTS + 1))))
    assert time.monotonic() - started < 5
    assert isinstance(result, Rejected)
    assert result.reason is Reason.TOO_COMPLEX


def test_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<p>First <b>bold</b> line.</p><script>alert(1)</script><p>Second&nbsp;line &amp; more.</p>"
    assert fragment_text(html) == "First bold line.\n\nSecond line & more."
    assert fragment_text("<p>unclosed <i>tags") == "unclosed tags"
