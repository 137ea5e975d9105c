"""LWN markup: every selector, pattern and noise list the page parser relies on.

When LWN changes its markup, this is the one file to change. See README's "LWN markup" notes.
"""

import re

# Containers of the article body, most specific first.
BODY_SELECTORS = ("div.ArticleText", "div.ArticleEntry", "div.FeatureText")
HEADLINE_SELECTORS = ("div.PageHeadline h1", "div.PageHeadline h2", "h1.ArticleTitle")

# Bylines: staff feature, guest article, news brief.
BYLINE_CLASSES = ("FeatureByline", "GAByline", "Byline")

# Never article text, wherever it appears inside the body.
NOISE_SELECTORS = (
    "script", "style", "noscript", "form", "iframe", "object", "embed", "img",
    "table.Form", "blockquote.ad", "div.ad", "div.MakeALink", "div.SideBox", "div.topnav-container",
    "div#menu", "details.CommentBox", "div.CommentBox", "div.Comment", "div.FormattedComment",
    "div.CommentReplyButton", "div.AnnLine", "p.CommentPoster", "h3.CommentTitle",
    "div.ClassifiedAd", "div.ArticleTools", "div.PrintableLink",
    # struck-through text is what the author took back ("<s>Kees Cook</s> [Correction: ...]"), not what the
    # article says
    "s", "strike", "del",
)
# A pull quote repeats a sentence of the article in large type: counting it would count the sentence twice.
NOISE_CLASS_RE = re.compile(r"(^|\b)(Comment\w*|ad|Ad\w*|Subscri\w*|Login\w*|Nav\w*|[Pp]ull[Qq]uote\w*)($|\b)")

# Whole blocks of site boilerplate that can sit inside the article container without a telling class.
BOILERPLATE_RE = re.compile(
    r"^(?:Did you like this article\?|Welcome to LWN\.net\b|The following subscription-only content has been made"
    r"|Please consider subscribing to LWN|Subscribe to LWN|\(?Log in to post comments\)?$)",
    re.I,
)

# Block-level elements and the paragraph kind each yields.
BLOCK_KIND = {
    "p": "p", "li": "li", "dd": "p", "dt": "p", "h1": "h4", "h2": "h4", "h3": "h4", "h4": "h4",
    "h5": "h4", "h6": "h4", "pre": "pre", "blockquote": "quote", "tr": "row", "caption": "p",
}
QUOTE_CLASSES = ("BigQuote",)
CONTAINER_TAGS = {"div", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "center", "section", "article", "details"}

# The coverage box of 2004-2006 Kernel Summit pages (the links it may hold are in events.py), and the
# elements that can make up such a box or a newer page's conference link line.
COVERAGE_RE = re.compile(r"LWN's\s+(?P<year>\d{4})\s+(?P<event>[A-Z][\w .'-]*?)\s+coverage", re.I)
BOX_TAGS = frozenset({"table", "tbody", "tr", "td", "div", "p", "center", "blockquote", "b", "i", "font", "small", "span"})

INDEX_HEADER_RE = re.compile(r"Index entries for this article", re.I)
# "/Kernel/Index#..." → Kernel, "/Archives/ConferenceIndex/#..." → Conference, "/Archives/GuestIndex/" → Guest.
INDEX_HREF_RE = re.compile(r"^/(?:Archives/)?(?P<index>\w*?)(?:/Index|Index)\b")
# The whole text node, so that an article merely using the phrase is not cut there.
POST_COMMENTS_RE = re.compile(r"^\W*(?:log in\W+)?to post comments\W*$", re.I)

# Pages that are not a single free article.
PAYWALL_HEADLINE_RE = re.compile(r"subscription required|subscriber[- ]only|content is restricted", re.I)
FREE_FROM_RE = re.compile(r"will become freely\s+available on\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})", re.I)
WEEKLY_TITLE_RE = re.compile(r"LWN\.net Weekly Edition|Weekly edition for", re.I)
WEEKLY_HEADLINE_SELECTOR = "h2.SummaryHL"
TITLE_SUFFIX_RE = re.compile(r"\s*\[LWN\.net\]\s*$")

# Article identity (the article URL pattern is in article.py).
# Links that point at the page itself (comments, print view, posting a comment), not at other articles.
OWN_LINK_RE = re.compile(
    r"/Articles/(?P<id>\d+)/(?:#Comments|#t\b|\?format=printable|bigpage|PostComment|comments?\b|ReplyComment)",
    re.I,
)
FILENAME_ID_RE = re.compile(r"(?<!\d)(?P<id>\d{3,8})(?!\d)")

# Byline parsing.
BYLINE_STAFF_RE = re.compile(r"^\s*By\s+(?P<author>.+?)\s*$", re.S)
BYLINE_BRIEF_RE = re.compile(r"Posted\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})(?:\s+\d{1,2}:\d{2}\s*\w*)?\s+by\s+(?P<author>[\w.-]+)", re.I)

# LWN staff user names as they appear in news-brief bylines.
STAFF_USERS = {
    "corbet": "Jonathan Corbet",
    "jake": "Jake Edge",
    "ris": "Rebecca Sobol",
    "n8willis": "Nathan Willis",
    "jzb": "Joe Brockmeier",
    "daroc": "Daroc Alden",
    "coogle": "Jonathan Corbet",
    "lwn": "LWN staff",
}
