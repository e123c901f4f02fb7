-- Full-text search over the folded text of each article (see src/search.rs): title,
-- lead, body text, author, source and tags. The row id is the article's id; the store
-- keeps it in step with `articles` in the same transaction.
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, lead, body, author, source, tags,
    tokenize = 'unicode61 remove_diacritics 0'
);
