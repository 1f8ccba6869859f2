"""`dumpling process`: the pipeline's offline front door (no services needed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TextIO

from . import Article, DecodeError, decode_bytes, iter_articles
from .article_json import json_pieces
from .language_backends import BACKENDS, LANGDETECT, BackendUnavailable, load

EXIT_BAD_INPUT = 1


def add_process_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the dump to process, or - for standard input")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json",
                        help="json: one object {\"articles\": [...]}; jsonl: one article per line")
    parser.add_argument("--language-backend", choices=BACKENDS, default=LANGDETECT,
                        help="the language detector for text whose script does not decide: langdetect "
                             "(the default) or fast (py3langid: the `fast` extra)")


def run_process(args: argparse.Namespace, stdout: TextIO = sys.stdout,
                stderr: TextIO = sys.stderr) -> int:
    try:
        text = decode_bytes(_read_input(args.file))      # the bytes go once decoded
    except (OSError, DecodeError) as exc:
        print(f"dumpling: {args.file}: {describe_read_error(exc)}", file=stderr)
        return EXIT_BAD_INPUT
    backend = getattr(args, "language_backend", LANGDETECT)
    try:
        load(backend)
    except (BackendUnavailable, ValueError) as exc:
        print(f"dumpling: {exc}", file=stderr)
        return EXIT_BAD_INPUT
    writer = write_jsonl if args.format == "jsonl" else write_json
    articles = iter_articles(text, backend)
    del text                  # the lines hold what the articles need: the whole text can go
    writer(articles, stdout)
    return 0



def write_json(articles: Iterable[Article], out: TextIO) -> None:
    """{"articles": [...]}, written article by article so memory stays flat."""
    out.write('{"articles": [')
    for n, article in enumerate(articles):
        out.write(",\n" if n else "\n")
        _write_article(article, out)
    out.write("\n]}\n")


def write_jsonl(articles: Iterable[Article], out: TextIO) -> None:
    for article in articles:
        _write_article(article, out)
        out.write("\n")


def _write_article(article: Article, out: TextIO) -> None:
    """The article's JSON, a piece at a time: a body of megabytes is not copied whole to be written."""
    for piece in json_pieces(article.to_dict()):
        out.write(piece)


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def describe_read_error(exc: Exception) -> str:
    """Why a dump could not be read, in the words `dumpling process` and `dumpling submit` share."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a dump"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
