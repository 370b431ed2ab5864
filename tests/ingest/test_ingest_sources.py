"""Files and folders: walking order, selection globs, hidden files, links, sizes, stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_support import put, run

from sitreps.errors import Reason, Rejected
from sitreps.ingest import IngestOptions, iter_articles
from sitreps.ingest.sources import matches
from sitreps.model import Article

TEXT = (
    "Troops withdrew from the hills above the town after a week of fighting, residents said on Sunday, "
    "and the first buses with displaced families returned by the evening."
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of articles in several formats, with files that a walk must leave alone."""
    root = tmp_path / "corpus"
    put(tmp_path, "corpus/b.txt", f"{TEXT} B.")
    put(tmp_path, "corpus/a.md", f"{TEXT} A.")
    put(tmp_path, "corpus/sub/c.txt", f"{TEXT} C.")
    put(
        tmp_path, "corpus/sub/deeper/d.html", f"<html><body><article><p>{TEXT} D.</p></article></body></html>"
    )
    put(tmp_path, "corpus/sub/e.jsonl", f'{{"text": "{TEXT} E."}}\n')
    put(tmp_path, "corpus/drafts/f.txt", f"{TEXT} F.")
    put(tmp_path, "corpus/notes.docx", b"PK\x03\x04 not for us")
    put(tmp_path, "corpus/README", "no suffix, not an article")
    put(tmp_path, "corpus/.hidden.txt", f"{TEXT} hidden.")
    put(tmp_path, "corpus/.git/config.txt", f"{TEXT} in a hidden folder.")
    return root


def sources(items: list[Article | Rejected]) -> list[str]:
    return [item.source or "" for item in items]


def relative(root: Path, items: list[Article | Rejected]) -> list[str]:
    return [Path(s.split(":")[0]).relative_to(root).as_posix() for s in sources(items)]


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_unknown(tree: Path) -> None:
    results = run(tree)
    assert all(isinstance(r, Article) for r in results)
    assert relative(tree, results) == [
        "a.md",
        "b.txt",
        "drafts/f.txt",
        "sub/c.txt",
        "sub/deeper/d.html",
        "sub/e.jsonl",
    ]
    assert sources(results)[-1] == f"{tree / 'sub' / 'e.jsonl'}:1"


def test_include_and_exclude_globs(tree: Path) -> None:
    assert relative(tree, run(tree, include=("*.txt",))) == ["b.txt", "drafts/f.txt", "sub/c.txt"]
    assert relative(tree, run(tree, include=("sub/*",))) == [
        "sub/c.txt",
        "sub/deeper/d.html",
        "sub/e.jsonl",
    ]
    assert relative(tree, run(tree, exclude=("drafts", "*.html"))) == [
        "a.md",
        "b.txt",
        "sub/c.txt",
        "sub/e.jsonl",
    ]
    assert relative(tree, run(tree, include=("*.txt",), exclude=("sub/*",))) == ["b.txt", "drafts/f.txt"]


def test_an_included_file_of_unknown_type_is_reported(tree: Path) -> None:
    results = run(tree, include=("*.docx", "README"))
    assert [(type(r), r.reason if isinstance(r, Rejected) else None) for r in results] == [
        (Rejected, Reason.UNSUPPORTED),
        (Rejected, Reason.UNSUPPORTED),
    ]
    assert relative(tree, results) == ["README", "notes.docx"]


def test_glob_matching() -> None:
    assert matches("sub/x.txt", ("*.txt",))
    assert matches("sub/deep/x.txt", ("sub/*",))
    assert matches("x.txt", ("**/*.txt",))
    assert matches("a/drafts", ("drafts",))
    assert not matches("sub/x.txt", ("other/*",))
    assert not matches("sub/X.TXT", ("*.txt",))


def test_explicit_files_of_unknown_type_and_missing_files(tree: Path, tmp_path: Path) -> None:
    hidden = tree / ".hidden.txt"
    results = run(tree / "notes.docx", tmp_path / "missing.txt", hidden)
    assert [r.reason for r in results if isinstance(r, Rejected)] == [Reason.UNSUPPORTED, Reason.UNREADABLE]
    assert isinstance(results[2], Article)  # named explicitly: read even though hidden
    assert "'.docx'" in results[0].message if isinstance(results[0], Rejected) else False


def test_symlink_outside_the_folder_is_refused(tmp_path: Path) -> None:
    outside = put(tmp_path, "outside/secret.txt", f"{TEXT} outside.")
    root = tmp_path / "root"
    put(tmp_path, "root/inside.txt", f"{TEXT} inside.")
    (root / "link.txt").symlink_to(outside)
    (root / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    (root / "same.txt").symlink_to(root / "inside.txt")
    results = run(root)
    assert [(Path(r.source or "").name, type(r)) for r in results] == [
        ("inside.txt", Article),
        ("link.txt", Rejected),
        ("linkdir", Rejected),
        ("same.txt", Article),
    ]
    assert {r.reason for r in results if isinstance(r, Rejected)} == {Reason.OUTSIDE_ROOT}


def test_links_that_loop_or_break_do_not_stop_the_walk(tmp_path: Path) -> None:
    put(tmp_path, "root/sub/a.txt", f"{TEXT} a.")
    (tmp_path / "root" / "sub" / "loop").symlink_to(tmp_path / "root", target_is_directory=True)
    (tmp_path / "root" / "broken.txt").symlink_to(tmp_path / "root" / "gone.txt")
    (tmp_path / "root" / "ping.txt").symlink_to(tmp_path / "root" / "pong.txt")
    (tmp_path / "root" / "pong.txt").symlink_to(tmp_path / "root" / "ping.txt")
    results = run(tmp_path / "root")
    assert [(Path(r.source or "").name, type(r)) for r in results] == [
        ("broken.txt", Rejected),
        ("ping.txt", Rejected),
        ("pong.txt", Rejected),
        ("a.txt", Article),
    ]
    assert {r.reason for r in results if isinstance(r, Rejected)} == {Reason.UNREADABLE}


def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path) -> None:
    small = put(tmp_path, "small.txt", TEXT)
    big = put(tmp_path, "big.txt", TEXT * 5)
    results = run(small, big, max_bytes=len(TEXT) + 10)
    assert isinstance(results[0], Article)
    assert isinstance(results[1], Rejected)
    assert results[1].reason is Reason.TOO_LARGE
    assert str(len(TEXT) * 5) in results[1].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [result] = run(fifo)
    assert isinstance(result, Rejected)
    assert result.reason is Reason.UNREADABLE


def test_walking_twice_gives_the_same_ids_in_the_same_order(tree: Path) -> None:
    first = [(r.source, r.id) for r in run(tree) if isinstance(r, Article)]
    second = [(r.source, r.id) for r in run(tree) if isinstance(r, Article)]
    assert first == second
    assert len({article_id for _, article_id in first}) == len(first)


def test_dash_reads_stdin(tmp_path: Path) -> None:
    code = (
        "from sitreps.ingest import iter_articles\n"
        "for item in iter_articles(['-']):\n"
        "    print(type(item).__name__, item.source, getattr(item, 'outlet', None))\n"
    )
    stdin = f'{{"text": "{TEXT}", "outlet": "Desk"}}\n{{"text": 1}}\n'.encode()
    done = subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, check=True, cwd=tmp_path
    )
    assert done.stdout.decode().splitlines() == ["Article <stdin>:1 Desk", "Rejected <stdin>:2 None"]


def test_impossible_paths_are_unreadable() -> None:
    results = run("x" * 5000 + ".txt", "nul\x00byte.txt")
    assert [r.reason for r in results if isinstance(r, Rejected)] == [Reason.UNREADABLE, Reason.UNREADABLE]


def test_folder_documents_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# About these files\n\nThey were collected for a study of the war.\n"
    )
    (tmp_path / "report.md").write_text("Rebels seized the town of Example on Monday, residents said.\n")
    sources = [a.source for a in iter_articles([tmp_path]) if isinstance(a, Article)]
    assert sources == [str(tmp_path / "report.md")]
    included = iter_articles([tmp_path], IngestOptions(include=("README.md",)))
    assert [a.source for a in included if isinstance(a, Article)] == [str(tmp_path / "README.md")]
