"""Plain text and Markdown files: front matter, headings, header lines, the stored body."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_support import put, run

from sitreps.errors import Reason, Rejected
from sitreps.ingest.text import read_text, split_front_matter
from sitreps.model import Article, article_id_for

SEED_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"

BODY = (
    "Azerbaijani Defense Minister Ilgar Aliyev and his counterpart spoke by telephone on Saturday "
    "about the situation on the border and about joint exercises planned for the autumn.\n\n"
    "The two ministers agreed to meet again before the end of the year, the ministry said."
)


def test_seed_style_text_file(tmp_path: Path) -> None:
    path = put(tmp_path, "story.txt", f" date 2022-09-26 By Azernews\n\nBy Vugar Khalilov\n\n{BODY}\n\n")
    [article] = run(path)
    assert isinstance(article, Article)
    assert article.published == date(2022, 9, 26)
    assert article.outlet == "Azernews"
    assert article.author == "Vugar Khalilov"
    assert article.text == BODY
    assert article.text.startswith("Azerbaijani Defense Minister")
    assert article.id == article_id_for(BODY)
    assert article.source == str(path)
    assert article.language == "en"


def test_the_seed_article() -> None:
    seed = SEED_DIR / "azernews-2022-09-26.txt"
    if not seed.exists():
        pytest.skip(f"seed article not found at {seed}")
    from sitreps.ingest import iter_articles

    [article] = list(iter_articles([seed]))
    assert isinstance(article, Article)
    assert (article.published, article.outlet, article.author) == (
        date(2022, 9, 26),
        "Azernews",
        "Vugar Khalilov",
    )
    assert article.text.startswith("Azerbaijani Defense Minister")
    assert article.language == "en"


def test_markdown_front_matter_is_read_and_removed(tmp_path: Path) -> None:
    path = put(
        tmp_path,
        "talks.md",
        "---\n"
        'title: "Talks resume: a first meeting"\n'
        "outlet: Caspian Daily\n"
        "author: Jane Doe\n"
        "published: 2022-09-14\n"
        "url: https://caspian.example/talks\n"
        "language: en-GB\n"
        "tags:\n"
        "  - diplomacy\n"
        "---\n"
        f"{BODY}\n",
    )
    [article] = run(path)
    assert isinstance(article, Article)
    assert article.title == "Talks resume: a first meeting"
    assert (article.outlet, article.author) == ("Caspian Daily", "Jane Doe")
    assert article.published == date(2022, 9, 14)
    assert article.url == "https://caspian.example/talks"
    assert article.language == "en"
    assert article.text == BODY


def test_front_matter_date_key_and_header_lines_together(tmp_path: Path) -> None:
    path = put(tmp_path, "t.md", f"---\ndate: 14 September 2022\n---\n\nBy Jane Doe\n\n{BODY}")
    [article] = run(path)
    assert isinstance(article, Article)
    assert (article.published, article.author) == (date(2022, 9, 14), "Jane Doe")
    assert article.text == BODY


def test_leading_heading_becomes_the_title(tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "h.md", f"# Ministers talk by phone\n\nBy Jane Doe\n\n{BODY}"))
    assert isinstance(article, Article)
    assert article.title == "Ministers talk by phone"
    assert article.author == "Jane Doe"
    assert article.text == BODY


def test_heading_stays_when_another_title_was_given(tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "h.md", f"---\ntitle: Another\n---\n# Ministers talk\n\n{BODY}"))
    assert isinstance(article, Article)
    assert article.title == "Another"
    assert article.text.startswith("# Ministers talk")


def test_heading_is_not_a_title_in_plain_text() -> None:
    article = read_text(f"# not a heading\n\n{BODY}", "x.txt")
    assert article.title is None
    assert article.text.startswith("# not a heading")


@pytest.mark.parametrize(
    "text",
    [
        f"---\n\n{BODY}",  # a rule, no closing fence
        f"---\nJust a sentence, not a key.\n---\n{BODY}",
        f"\n---\ntitle: x\n---\n{BODY}",  # not at the very top
    ],
)
def test_what_only_looks_like_front_matter_is_kept(text: str) -> None:
    meta, rest = split_front_matter(text)
    assert rest == text
    assert meta.title is None


def test_front_matter_with_no_body_is_rejected(tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "only.md", "---\ntitle: Nothing else\n---\n\n"))
    assert isinstance(result, Rejected)
    assert result.reason is Reason.NO_BODY


def test_body_keeps_markdown_and_loses_surrounding_blank_lines(tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "m.md", f"\n\n\n{BODY}\n\n* a list item\n\n\n"))
    assert isinstance(article, Article)
    assert article.text == f"{BODY}\n\n* a list item"
