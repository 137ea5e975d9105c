"""Keywords: the noun phrases a kernel developer would tag an article with, ranked against the corpus.

Candidates are the parser's noun chunks, cut at coordinations and possessives, trimmed of determiners and vague
modifiers, with a plural head made singular by its suffix only ("congestion avoidance modules" → "congestion
avoidance module", "VMAs" → "VMA", but "data" stays "data"), and only where English or some article of the
corpus writes that singular ("xfstests" is a name, not a plural); and every keyword is spelt one way across the
corpus, as most of its keyword lists write it ("page cache", not "pagecache" here and "page-cache" there).

A phrase is not a keyword when it holds a name (a person, a place, an organisation, a meeting: the model's
entity labels, not a list, the names of the article's own people wherever the model missed one ("Pavel notes
that"), and what the article writes as where people work: "developers at Facebook"; but not the title's
subject, a proper noun of the title the article goes on writing, which the model often takes for an
organisation or a person: "Btrfs", "Greybus"), when it names a kind of person or program ("TCP designer",
"data-center application"), or when it is made only of ordinary words with no word of the networking
vocabulary in it ("test run", "audience member"; the title's subject aside: "Rust"; and a phrase of two words
or more that the article says twice or more and the corpus says again and again wherever it is said: "page
cache", "system call"), or when it is one word that one LWN kernel article in ten uses ("CPU", "API").
Near-duplicates are one keyword ("Homa", "Homa module", "Homa support"), and so are a phrase and the same phrase
with aspect words added ("NAPI", "NAPI state"): the list tells it once, by the shorter form. Scores are TF-IDF
with a preference for phrases that name a subsystem or a term or that the title says, and against lone common
nouns, so that phrases many articles use lose. A phrase of ordinary words that the title says is a keyword all
the same ("frozen pages"). A subsystem that stands for all of networking ("the networking stack") is a keyword
only where the title is about it (not where it qualifies the title's topic: "IP address exhaustion"), and a
broad one ("socket API", "firewall") only where the article names it three times or more.

``phrases`` finds an article's candidates in its parse, by the words of ``vocabulary``; ``merging`` makes one
keyword of near-duplicates; ``ranking`` scores them against the corpus.
"""
