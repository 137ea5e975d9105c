"""The words relation rules read: verbs and nouns by the kind of link they make, and the ones that make none.

Kept apart from the rules so that what a word means to them is stated once ("posted" proposes, "said" remarks,
"patches" are a piece of work) and read by the sentence rules (``kinds``, ``scope``, ``clauses``) and the
discourse (``cues``, ``discourse``).
"""

from __future__ import annotations

from pipeline.keywords.vocabulary import PEOPLE_HEADS, SUBSYSTEM_TAILS, THING_WORDS

KINDS = ("presented", "works_on", "maintains", "proposed")
# The kb_id of a span naming a subsystem by an identifier of its code ("bpf_spin_lock()" for BPF): the link rules
# read it as a mention, what the article names in words (its subject, how often it names a subsystem) does not.
CODE = "code"

PRESENT_VERBS = frozenset({
    "present", "talk", "speak", "describe", "show", "demonstrate", "discuss", "explain", "cover", "outline",
    "detail", "walk", "report", "lead", "give", "deliver", "address", "compare", "survey", "focus", "open", "relay",
})
# Telling a room what is new is giving a talk: "traveled to the conference to update the audience on ...".
INFORM_VERBS = frozenset({"update", "brief"})
AUDIENCE_NOUNS = frozenset({"audience", "attendee", "room", "crowd", "community", "group", "participant", "developer"})
WORK_VERBS = frozenset({
    "work", "rework", "develop", "implement", "write", "rewrite", "add", "fix", "improve", "design", "create",
    "integrate", "port", "convert", "optimize", "optimise", "refactor", "build", "extend", "test", "benchmark",
    "measure", "prototype", "clean", "remove", "delete", "replace", "speed", "accelerate", "enable", "hack", "chase",
    "debug", "tune", "finish", "contribute", "author", "merge", "release", "experiment", "investigate", "help",
    "bring", "move", "continue", "start", "restart", "own", "teach", "drive", "have",
    "invent", "discover", "name", "coin", "start", "found", "lead", "push", "land", "upstream", "rebase",
    "introduce", "redefine", "define", "change", "modify", "update", "reimplement", "restructure", "reorganize",
    "simplify", "generalize", "generalise", "rearrange", "split", "unify", "solve", "tackle", "resolve",
})
MAINTAIN_VERBS = frozenset({"maintain", "co-maintain", "comaintain", "oversee", "manage"})
# Verbs that say what someone is, was made or stays: "became the netfilter maintainer", "remains its author".
COPULA_VERBS = frozenset({"be", "become", "remain"})
PROPOSE_VERBS = frozenset({
    "propose", "suggest", "post", "submit", "send", "want", "request", "advocate", "recommend", "plan", "seek",
    "offer", "argue", "push", "call", "urge", "hope", "intend", "aim", "like", "need", "prefer",
})
# Verbs of a wish or a suggestion rather than a piece of work: "would like to", "suggested", "prefers".
WISH_VERBS = frozenset({"suggest", "want", "like", "prefer", "hope", "wish", "recommend", "advocate", "urge"})
# Verbs that say what a talk or a session is about, besides those of presenting: "a session which looked at GRO".
TOPIC_VERBS = frozenset({"look", "examine", "explore", "consider", "review", "concern", "tackle", "revisit"})
# Verbs that say only that a piece of work came into being: its kind comes from the work.
MAKE_VERBS = frozenset({"make", "do", "produce", "publish", "announce", "launch", "put"})
# Verbs that bring an idea (back) up: "returned to the idea of a page pool", "floated a proposal", "introduced
# the idea of making BPF a module" (introducing a feature is work on it: WORK_VERBS).
RAISE_VERBS = frozenset({
    "return", "revisit", "revive", "resurrect", "float", "raise", "introduce", "reintroduce", "renew",
})
# The object of a relative clause that stands for the noun it hangs on: "the idea that X introduced".
RELATIVE_OBJECTS = frozenset({"that", "which"})
# Verbs of replying: a reply that is a piece of work ("responded with a patch") proposes it.
ANSWER_VERBS = frozenset({"respond", "reply", "answer", "react", "counter", "follow", "come"})
# Verbs of saying and reacting: the subject's view of a subsystem is not work on it.
SAY_VERBS = frozenset({
    "say", "note", "observe", "point", "worry", "complain", "agree", "disagree", "wonder", "ask", "answer",
    "respond", "reply", "comment", "mention", "remark", "claim", "think", "believe", "feel", "warn", "caution",
    "concede", "admit", "object", "doubt", "question", "suspect", "argue", "reckon", "insist", "predict",
    "conclude", "state", "tell", "add", "recall", "acknowledge", "explain", "summarize", "summarise", "quip",
    "joke", "express", "raise", "wish", "expect",
})
# The C keywords that open a type's name: "to struct net_device" is no clause, whatever the parser says.
C_TYPE_KEYWORDS = frozenset({"struct", "union", "enum"})
# Verbs whose object is a means, not the thing worked on: "uses netlink", "based on netlink sockets".
INSTRUMENT_VERBS = frozenset({"use", "rely", "base", "employ", "leverage", "utilize", "utilise"})
# What a patch does to the thing it is for.
CHANGE_VERBS = frozenset({"add", "implement", "introduce", "extend", "enable", "provide", "change", "rework",
                          "improve", "convert", "fix", "rewrite", "optimize", "speed"})
# What one wants to do when one asks: "wanted to know about", "would like to understand".
LEARN_VERBS = frozenset({"know", "understand", "learn", "ask", "hear", "find", "clarify", "confirm", "verify"})
# Verbs that quote what a section's speaker says (not "asked", "pointed out", "noted", "agreed": a remark, or the
# audience's part).
SPEAKER_VERBS = frozenset({"say", "claim", "explain", "report", "describe"})
# "after describing X, Y ...": prepositions whose participle the main clause's subject does
PARTICIPLE_PREPOSITIONS = frozenset({"after", "before", "while", "when", "since", "by", "in", "upon"})
# Verbs that say what a change gave the kernel: "the sk_buff structure gains a namespace field".
CHANGE_RESULTS = frozenset({"gain", "get", "acquire"})
# Verbs whose object is what the subject keeps away from, not what they work on.
AVOID_VERBS = frozenset({"avoid", "prevent"})
# What a proposal to take something out proposes is its absence: "X proposed dropping the XDP support".
REMOVAL_VERBS = frozenset({"remove", "drop", "revert", "delete", "deprecate", "disable", "eliminate", "abandon",
                           "rip", "kill", "ban"})
# A proposal inside what someone says: "X said the kernel should add ...", with a verb of doing.
PROPOSAL_MARKERS = frozenset({"should", "must", "ought"})
# What one fixes: to address a problem is to work on it, where to address a topic is to talk about it.
PROBLEM_NOUNS = frozenset({"problem", "issue", "bug", "limitation", "shortcoming", "weakness", "deficiency",
                           "bottleneck", "regression", "race", "deadlock", "leak", "overhead"})
# What a bug report says a change did: "reported that the change broke the ath9k driver".
BREAK_VERBS = frozenset({"break", "fail", "crash", "hang", "regress", "corrupt"})
# Verbs of a talk's or a piece of work's course: how it began or ended says what it was.
PHASE_VERBS = frozenset({"start", "begin", "open", "continue", "finish", "conclude", "end"})
# Verbs that report on a session rather than present its content.
SUMMARY_VERBS = frozenset({"summarize", "summarise", "recap", "chair", "moderate", "host", "organize", "organise",
                           "attend", "join", "close", "wrap", "thank"})
ROLE_NOUNS = {
    "maintainer": "maintains", "co-maintainer": "maintains", "comaintainer": "maintains", "owner": "maintains",
    "developer": "works_on", "author": "works_on", "creator": "works_on", "hacker": "works_on", "lead": "works_on",
    "expert": "works_on", "implementer": "works_on", "inventor": "works_on", "designer": "works_on",
}
# Tags of a patch that name its authors: "signoffs from X".
SIGNOFF_NOUNS = frozenset({"signoff", "signedoffby", "codevelopedby"})
# Pieces of work: what they carry across sentences, and the kind of link they make.
ARTIFACT_NOUNS = {
    "patch": "proposed", "patchset": "proposed", "patches": "proposed", "series": "proposed", "proposal": "proposed",
    "rfc": "proposed", "idea": "proposed", "plan": "proposed", "suggestion": "proposed", "request": "proposed",
    "code": "works_on", "work": "works_on", "implementation": "works_on", "rewrite": "works_on",
    "prototype": "works_on", "effort": "works_on", "project": "works_on", "change": "works_on",
    "modification": "works_on", "driver": "works_on", "module": "works_on", "tool": "works_on",
    "library": "works_on", "framework": "works_on", "mechanism": "works_on",
    "approach": "works_on", "design": "works_on", "algorithm": "works_on", "benchmark": "works_on",
    "talk": "presented", "presentation": "presented", "session": "presented", "slide": "presented",
    "keynote": "presented", "demo": "presented", "demonstration": "presented", "discussion": "presented",
    "paper": "presented", "report": "presented", "tutorial": "presented", "release": "works_on",
    "recap": "presented", "overview": "presented", "introduction": "presented", "topic": "presented",
    "article": "presented", "writeup": "presented",
}
# Pieces of work that are code: what "the change", "this work" may stand for when the article names its subject.
CODE_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set", "code", "work", "implementation", "rewrite",
                        "prototype", "change", "driver", "module", "release", "proposal", "rfc"})
# Pieces of work that are patches: whoever posts one has written its code.
CODE_PATCH_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set"})
# Pieces of work that are code: whoever posts one has written it.
POSTED_CODE_NOUNS = frozenset({"code", "implementation", "driver", "module", "prototype", "rewrite", "library"})
# Pieces of work that are changes to the kernel: what comes new with them is theirs.
PATCH_NOUNS = frozenset({"patch", "patchset", "patches", "series", "set", "change", "rfc"})
# What a maintainer handles: "handles the netfilter patches", "handles the wireless tree", pull requests.
HANDLED_NOUNS = PATCH_NOUNS | {"tree", "pull"}
# Verbs that say who wrote a piece of work: "This work was done by X", "the code was written by X".
AUTHOR_VERBS = frozenset({"write", "develop", "implement", "contribute", "post", "submit", "send", "author", "create"})
# What asking for it asks to be told, not to have: "asked for more details of how it should work".
INFORMATION_NOUNS = frozenset({"detail", "information", "clarification", "explanation", "example", "comment",
                               "feedback", "input", "opinion", "data", "number", "benchmark", "evidence", "review"})
# Phrasal verbs that mean something else than their verb: to show up is to attend, not to present.
OTHER_SENSES = frozenset({("show", "up"), ("give", "up"), ("turn", "up")})
# What a talk or a patch is about: "GRO was the subject of X's talk".
SUBJECT_NOUNS = frozenset({"subject", "topic", "focus", "theme"})
# Verbs whose particle or preposition makes the sense: to look into a thing is to investigate it, to go over it
# to present it; whoever takes it over or looks after it keeps it, whoever picks it up carries its work on, and
# whoever is engaged in it does it.
PHRASAL_KINDS = {("look", "into"): "works_on", ("dig", "into"): "works_on", ("go", "over"): "presented",
                 ("look", "after"): "maintains", ("take", "over"): "maintains", ("pick", "up"): "works_on",
                 ("engage", "in"): "works_on"}
# Verbs that hand over a remark when their object is one: "gave an example of", "offered a comment on".
GIVE_VERBS = frozenset({"give", "offer", "provide"})
# Verbs that characterise: to describe a thing as something, or this way, is a remark on it.
CHARACTERISE_VERBS = frozenset({"describe", "characterize", "characterise"})
# Nouns that, after "this" or "that", stand for what the sentence before named: "a session that looked at this
# issue", "who has been working in this area", "patches to support this protocol", and the words for what a
# subsystem is ("This API has long been maintained by X"); not "that approach", which is more often an idea the
# sentence before gave than a subsystem it named.
BACK_NOUNS = frozenset({"issue", "problem", "area", "question", "topic", "subject", "direction", "challenge",
                        "feature", "functionality", "capability", "subsystem", "protocol", "driver", "api", "interface",
                        "mechanism", "layer", "framework", "stack", "tool", "library", "facility"})
# Verbs whose bare "this" or "that", or "that situation", is the state of things the sentence before described:
# "set out to change that".
REMEDY_VERBS = frozenset({"change", "fix", "address", "remedy", "solve", "rectify", "improve", "correct"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# What someone says or thinks, not what they made: "Garrett's example", "his NACK", "his vision for BPF".
VIEW_NOUNS = frozenset({"example", "question", "concern", "objection", "nack", "ack", "comment", "reaction",
                        "view", "opinion", "understanding", "vision", "complaint", "point", "worry", "suspicion",
                        "statement", "stance", "assumption", "belief", "impression", "expectation", "guess",
                        "feeling", "fear", "intuition"})
# What breaks a thing, not work on it: "Rosenberg's RDS exploit", "a BPF vulnerability found by X".
ATTACK_NOUNS = frozenset({"exploit", "vulnerability", "attack", "flaw", "hole", "bug"})
# What one does to get rid of a bug: "X has been chasing netfilter bugs" is work on netfilter.
DEBUG_VERBS = frozenset({"chase", "debug", "investigate", "solve", "tackle", "resolve"})
# "A couple of patches": a quantity of work is that work.
QUANTITY_NOUNS = frozenset({"couple", "pair", "number", "handful", "set", "few", "bunch", "lot", "batch", "deal", "amount"})
# What a new round of a piece of work is called: "a new version of the patches" is the patches.
VERSION_NOUNS = frozenset({"version", "revision", "iteration", "respin"})
# Reports on the state of something: "an update on NFS", "a status report on XDP" tell of it.
STATUS_NOUNS = frozenset({"update", "status", "retrospective"})
# A talk someone gives: after "his talk", "her keynote", what they say is what they presented.
TALK_NOUNS = frozenset({"talk", "presentation", "keynote"})
# Nouns for a person: "another audience member" is someone, not one more of the work just named.
PERSON_NOUNS = PEOPLE_HEADS | {"member", "attendee", "participant", "speaker", "someone"}
PRONOUNS = frozenset({"he", "she"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
PLURAL_PRONOUNS = frozenset({"they"})
PLURAL_POSSESSIVES = frozenset({"their"})
# A guest author's own voice: "I implemented ...", "my patch set".
FIRST_PERSON = frozenset({"I"})
FIRST_POSSESSIVE = frozenset({"my"})
# "X, on the netdev list", "on stage", "on behalf of": "on" phrases that are not a topic.
NOT_TOPICS = frozenset({"list", "stage", "panel", "behalf", "side", "call", "site", "day", "hand", "team", "board"})
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Nouns that, after a subsystem's name, are that subsystem: "the mac80211 layer", "the BBR algorithm".
NAME_TAILS = SUBSYSTEM_TAILS - THING_WORDS
CLAUSE_DEPS = ("advcl", "ccomp", "conj", "parataxis", "relcl", "acl", "xcomp")
# Prepositions that bring a verb's object ("run out of", "moved to"), not a place or a time ("happens in").
ARGUMENT_PREPOSITIONS = frozenset({"of", "about", "on", "to", "into", "from", "for", "with", "over"})
# Prepositions that, fronted, frame a clause by a piece of work: "In X's patches, the socket returns an error".
FRAMING_PREPOSITIONS = frozenset({"in", "under"})
# Words for a share of something: "much of X's work", "part of the patch set" say what the whole does.
PART_WORDS = frozenset({"much", "most", "part", "some", "all", "many", "bulk", "rest"})
# What becomes of patches that are taken: merged, applied or accepted patches are work done.
MERGE_VERBS = frozenset({"merge", "apply", "accept", "land", "pull", "queue", "commit"})
# What one says one wants, as a noun: "expressed a desire to merge X", "stated a preference for X".
WISH_NOUNS = frozenset({"desire", "wish", "willingness", "preference", "hope"})
# What a contributor is credited with in the kernel's statistics: "came in second with 52 patches to ath9k".
CONTRIBUTION_NOUNS = frozenset({"change", "patch", "patches", "commit", "changeset", "cleanup", "fix", "work",
                                "contribution", "rework", "addition", "removal"})
# What is made or performed on code: "made a lot of improvements within", "performed some refactoring of".
IMPROVEMENT_NOUNS = CONTRIBUTION_NOUNS | frozenset({
    "improvement", "refactoring", "rewrite", "enhancement", "optimization", "optimisation", "modification",
    "reworking", "fixes"})

# What is done with, said of, or found in a subsystem, or who is around it, not a part or a kind of it: "the BPF
# community", "NFS testing", "a BPF bug", "the verifier error", "netperf run". A link's feature has none for head.
NOT_PART_NOUNS = (AUDIENCE_NOUNS | PERSON_NOUNS | PROBLEM_NOUNS | ATTACK_NOUNS | INFORMATION_NOUNS | VIEW_NOUNS
                  | IMPROVEMENT_NOUNS | STATUS_NOUNS | TALK_NOUNS | SUBJECT_NOUNS | VERSION_NOUNS | NOT_TOPICS
                  | frozenset({"world", "ecosystem", "track", "hour", "fuss", "session", "discussion", "error",
                               "failure", "testing", "run", "integration", "standardization", "adoption", "usage",
                               "use", "performance", "cost", "page", "size", "history", "future", "news",
                               "experience", "knowledge",
                               # the way a subsystem works, which is the subsystem: "softirq handlers", "BPF-LSM
                               # hooks", "struct_ops callbacks", "CO-RE relocations", "software-interrupt context"
                               "handler", "hook", "callback", "relocation", "context"}))
# What a subsystem is, after its name: "the ksmbd filesystem", "the wilc1000 staging driver" are the subsystem.
CLASS_NOUNS = frozenset({"driver", "filesystem", "collection", "distribution", "logic", "router", "package", "suite"})
# Words that say where a driver or a filesystem lives, not which one it is: "the rtl8xxxu staging driver".
WHERE_WORDS = frozenset({"staging", "kernel", "in-kernel", "linux", "upstream", "mainline", "out-of-tree"})


def _regular_forms(verb: str) -> set[str]:
    """The past and -ing forms a regular verb takes ("refactor": "refactored", "refactoring")."""
    if verb.endswith("e") and not verb.endswith("ee"):
        return {verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
        return {verb[:-1] + "ied", verb + "ing"}
    return {verb + "ed", verb + "ing"}


# The model lemmatises the verbs of ordinary English; kernel jargon it lemmatises by guesswork ("refactored" is
# "refactore", "upstreamed" "upstreame", "hoped" "hop"), so the regular forms of the verbs above read back to them.
VERB_FORMS = {form: verb for verbs in (
    PRESENT_VERBS, WORK_VERBS, MAINTAIN_VERBS, PROPOSE_VERBS, WISH_VERBS, MAKE_VERBS, RAISE_VERBS, ANSWER_VERBS,
    SAY_VERBS, INSTRUMENT_VERBS, CHANGE_VERBS, LEARN_VERBS, SPEAKER_VERBS, AVOID_VERBS, REMOVAL_VERBS, BREAK_VERBS,
    PHASE_VERBS, SUMMARY_VERBS, AUTHOR_VERBS, GIVE_VERBS, CHARACTERISE_VERBS, MERGE_VERBS,
) for verb in sorted(verbs) if verb.isalpha() for form in sorted(_regular_forms(verb))}
