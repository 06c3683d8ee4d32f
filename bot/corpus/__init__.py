"""Reading articles: files -> Article records (encodings, front matter, datelines,
boilerplate)."""

from bot.corpus.reader import ReadResult, parse_article, read_corpus, read_file

__all__ = ["ReadResult", "parse_article", "read_corpus", "read_file"]
