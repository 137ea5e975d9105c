"""Who works on what, and how: person ↔ subsystem links read off the parse, across the sentences of a section.

Within a sentence, a person is linked to the subsystems in the phrase they govern: the verb they are
the subject (or "by" agent) of, the thing they possess ("X's patch set for Y"), a role in apposition
("X, the BPF maintainer"), a relative clause ("X, who wrote the classifier"), a piece of work a relative
clause gives them, in what it goes on to do ("The patch X posted adds GRO support"); an "it" a verb acts on
stands for the subject of the clause before ("The feature is old; it was added by X"); coordination on either
side multiplies the links. The verb or noun says the kind of link:

- ``presented``: talked about, showed, described, gave a talk on;
- ``works_on``: develops, implemented, wrote, is working on, fixed, improved;
- ``maintains``: maintains, is the maintainer of;
- ``proposed``: suggested, proposed, posted a patch (set) for, wants, asked for, argued for.

Across sentences, a section (the paragraphs under one heading) keeps a little state: "he", "she",
"his", "her", "they" stand for the person or people named last; "this issue", "that protocol" for what the
paragraph named a sentence or two before ("X led a session which looked at this issue"); a person's talk or
patch set, once introduced, carries to the next sentences that are about it ("The patches also add ...", "It
adds ...", "His talk covered ..."), and a speaker carries to the sentences of the talk that name nobody else. A
heading names a topic, and the people of the next sentence who present it are linked to it; it ends the section's
state, except in an article that reports one speaker's talk, where headings divide the talk. Someone who only
says something about a subsystem, asks a question, or summarises a session is linked to nothing,
unless what they say is a proposal ("X said the kernel should ...").

The words the rules read are in ``vocabulary``; what one sentence says a person does is ``clauses``, with the
kind of link a word makes in ``kinds`` and what it reaches in ``scope``; what a section carries from sentence
to sentence, and the links of a whole article, is ``discourse``, with the cues it reads in ``cues``.
"""

from pipeline.relations.discourse import Link, article_links
from pipeline.relations.vocabulary import KINDS

__all__ = ["KINDS", "Link", "article_links"]
