"""Readers by format: articles in, Article records (or ArticleFailure) out."""
