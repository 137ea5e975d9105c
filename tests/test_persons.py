"""One right name per person, and names that are not people; terms no list has yet."""

import pytest
from spacy.tokens import Span

from pipeline import config
from pipeline.knowledge.persons import PersonIndex, group_unknown, load_nicknames, load_spellings, name_keys
from pipeline.mentions import plausible_name
from pipeline.terms import find_terms, term_subsystem

ALIASES = {
    "Kirill A. Shutemov": "Kirill A. Shutemov", "Kirill A Shutemov": "Kirill A. Shutemov",
    "Neil Brown": "Neil Brown", "NeilBrown": "Neil Brown", "Patrick McHardy": "Patrick McHardy",
    "Douglas Gilbert": "Douglas Gilbert", "Zhang Rui": "Zhang Rui", "David S. Miller": "David S. Miller",
    "Dave Miller": "David S. Miller", "Dave Chinner": "Dave Chinner", "David Chinner": "Dave Chinner",
    "Mark Brown": "Mark Brown", "Steven Rostedt": "Steven Rostedt", "Joern Engel": "Joern Engel",
    "Jörg Rödel": "Joerg Roedel", "Aneesh Kumar K.V": "Aneesh Kumar K.V", "Andy Lutomirski": "Andy Lutomirski",
}
NICKNAMES = {"pat": ("patrick",), "doug": ("douglas",), "dave": ("david",), "steve": ("stephen", "steven"),
             "andy": ("andrew",)}


@pytest.mark.parametrize("written, person", [
    ("Kirill A Shutemov", "Kirill A. Shutemov"),
    ("Kirill Shutemov", "Kirill A. Shutemov"),
    ("Neil Brown", "Neil Brown"), ("NeilBrown", "Neil Brown"), ("Neil  Brown", "Neil Brown"),
    ("Pat McHardy", "Patrick McHardy"),
    ("Doug Gilbert", "Douglas Gilbert"),
    ("Rui Zhang", "Zhang Rui"),
    ("Dave Miller", "David S. Miller"),
    ("Steve Rostedt", "Steven Rostedt"),   # a short form that may stand for two names, one of them known
    ("Jörn Engel", "Joern Engel"), ("Jorn Engel", "Joern Engel"), ("Joerg Roedel", "Joerg Roedel"),  # German letters
    ("Aneesh Kumar", "Aneesh Kumar K.V"), ("Aneesh Kumar K. V.", "Aneesh Kumar K.V"),  # initials after the name
    ("Andrew Lutomirski", "Andy Lutomirski"),  # the long given name of someone known by the short one
    ("Reconsidering Assisted", None),
    ("Kirill Brown", None),
])
def test_persons_one_right_name(written, person):
    assert PersonIndex(ALIASES, NICKNAMES).canonical(written) == person


@pytest.mark.parametrize("written, person", [
    ("Steven Rostadt", "Steven Rostedt"), ("Steven Rosted", "Steven Rostedt"),  # a letter changed; dropped
    ("Mark Browne", "Mark Brown"), ("Neil Borwn", "Neil Brown"),  # a letter added; two swapped
    ("Patrik McHardy", "Patrick McHardy"),       # in the given name
    ("Ann Lindqist", None),                      # one letter from two people's names
    ("Omar Zheng", None), ("Jan Kahn", None),    # in short words a letter tells two names apart
    ("Stefan Rostadt", None),                    # both words differ
])
def test_persons_a_name_misspelt_by_one_letter_is_the_one_person_it_misspells(written, person):
    index = PersonIndex({**ALIASES, "Ann Lindquist": "Ann Lindquist", "Ann Lindqvist": "Ann Lindqvist",
                         "Omar Zhang": "Omar Zhang", "Jan Khan": "Jan Khan"}, NICKNAMES)
    assert index.canonical(written) == person


def test_persons_a_misspelling_stands_only_for_people_it_may_stand_for():
    index = PersonIndex({"Omar Lindgren": "Omar Lindgren", "Jan Novakova": "Jan Novakova"}, {},
                        misspellable=frozenset({"Omar Lindgren"}))
    assert index.canonical("Omar Lindgen") == "Omar Lindgren"
    assert index.canonical("Jan Novakva") is None


@pytest.mark.parametrize("written, person", [
    ("Daniel Borkman", "Daniel Borkmann"),      # MAINTAINERS
    ("Werner Almsberger", "Werner Almesberger"),  # CREDITS
    ("Ben Gardiner", None),                     # only .mailmap has a "Ben Gardner"
    ("Alistair Popple", "Alistair Popple"), ("Alistar Popple", "Alistair Popple"),  # the alias table spells right
])
def test_persons_the_records_spell_the_names_that_writers_misspell(resources, written, person):
    assert resources.knowledge.persons.canonical(written) == person


def test_persons_ambiguous_short_forms_resolve_to_nobody():
    index = PersonIndex({"Dan Carpenter": "Dan Carpenter", "Daniel Carpenter": "Daniel Carpenter"}, {"dan": ("daniel",)})
    assert index.canonical("Dan Carpenter") == "Dan Carpenter"
    assert index.canonical("Daniel Carpenter") == "Daniel Carpenter"


def test_persons_unknown_spellings_grouped_under_the_fullest():
    spelling = group_unknown({"Ada B. Lindqvist": 1, "Ada Lindqvist": 4, "Ben Okafor": 2, "Wu Fengguang": 1,
                              "Fengguang Wu": 3})
    assert spelling == {"Ada B. Lindqvist": "Ada B. Lindqvist", "Ada Lindqvist": "Ada B. Lindqvist",
                        "Ben Okafor": "Ben Okafor", "Wu Fengguang": "Fengguang Wu", "Fengguang Wu": "Fengguang Wu"}
    assert group_unknown({"Günter Falk": 2, "Guenter Falk": 1}) == {"Günter Falk": "Günter Falk",
                                                                   "Guenter Falk": "Günter Falk"}


def test_persons_unknown_short_given_name_is_the_one_person_it_may_stand_for():
    nicknames = {"jon": ("jonathan",), "chris": ("christian", "christopher"), "jim": ("james",)}
    spelling = group_unknown({"Jon Walpole": 5, "Jonathan Walpole": 2, "Jim Anders": 1, "James H. Anders": 1,
                              "Chris Novak": 2, "Christian Novak": 2, "Christopher Novak": 1}, nicknames)
    assert spelling["Jon Walpole"] == spelling["Jonathan Walpole"]
    assert spelling["Jim Anders"] == "James H. Anders"
    # two people it may stand for: neither, and they stay two
    assert len({spelling[n] for n in ("Chris Novak", "Christian Novak", "Christopher Novak")}) == 3
    assert group_unknown({"Jon Walpole": 5, "Jonathan Walpole": 2}) == {"Jon Walpole": "Jon Walpole",
                                                                      "Jonathan Walpole": "Jonathan Walpole"}


@pytest.mark.parametrize("short, full", [
    ("Kathie Nichols", "Kathleen Nichols"), ("Val Henson", "Valerie Henson"), ("Vlad Zolotarov", "Vladislav Zolotarov"),
    ("Denys Vlasenko", "Denis Vlasenko"), ("Andrey Vagin", "Andrei Vagin"), ("Vyacheslav Dubeyko", "Viacheslav Dubeyko"),
])
def test_persons_the_given_names_table_joins_real_pairs_of_spellings(short, full):
    spelling = group_unknown({short: 3, full: 2}, load_nicknames(config.NICKNAMES_FILE),
                             load_spellings(config.NICKNAMES_FILE))
    assert spelling[short] == spelling[full]


def test_persons_unknown_name_written_once_a_letter_off_is_a_slip():
    spelling = group_unknown({"Ines Halvorsen": 6, "Ines Halvorson": 1, "Tomas Brekke": 3, "Tomas Brekka": 2,
                              "Jonas Lindahl": 1, "Jonas Lindahk": 1, "Mira Kovacs": 4, "Mira Kovach": 1,
                              "Mira Kovacz": 3})
    assert spelling["Ines Halvorson"] == "Ines Halvorsen"  # once, beside a name written six times
    # two spellings each written more than once are two people; two written once, no telling which is right;
    # one letter from two names, no telling which is meant
    assert len({spelling[n] for n in ("Tomas Brekke", "Tomas Brekka")}) == 2
    assert len({spelling[n] for n in ("Jonas Lindahl", "Jonas Lindahk")}) == 2
    assert spelling["Mira Kovach"] == "Mira Kovach"


def test_persons_a_slip_of_a_name_written_two_ways_is_still_a_slip():
    spelling = group_unknown({"Rajesh B. Menon": 20, "Rajesh B Menon": 2, "Rajesh Menon": 3, "Rajsh B Menon": 1,
                              "Rajesh B Mennon": 1})
    assert spelling["Rajsh B Menon"] == spelling["Rajesh B Mennon"] == "Rajesh B. Menon"


SPELLINGS = {"andrei": "andrey", "andrej": "andrey", "vyacheslav": "viacheslav", "alexei": "alexey"}


def test_persons_a_given_name_spelt_another_way_is_the_same_person():
    spelling = group_unknown({"Andrei Volkov": 10, "Andrey Volkov": 9, "Andrej Volkov": 1,
                              "Viacheslav A. Orlov": 3, "Vyacheslav Orlov": 1}, {}, SPELLINGS)
    assert spelling["Andrey Volkov"] == spelling["Andrej Volkov"] == "Andrei Volkov"
    assert spelling["Vyacheslav Orlov"] == "Viacheslav A. Orlov"
    index = PersonIndex({"Alexei Sokolov": "Alexei Sokolov"}, {}, spellings=SPELLINGS)
    assert index.canonical("Alexey Sokolov") == "Alexei Sokolov"
    assert PersonIndex({"Alexey Sokolov": "Alexey Sokolov"}, {}, spellings=SPELLINGS).canonical("Alexei Sokolov") \
        == "Alexey Sokolov"


@pytest.mark.parametrize("written, person", [
    ("Alexey Starovoitov", "Alexei Starovoitov"), ("Aleksei Starovoitov", "Alexei Starovoitov"),
    ("Dmitri Vyukov", "Dmitry Vyukov"),
])
def test_persons_the_records_people_under_other_spellings_of_their_given_names(resources, written, person):
    assert resources.knowledge.persons.canonical(written) == person


def test_persons_name_keys():
    keys = name_keys("Toke Høiland-Jørgensen")
    assert keys["full"] == "toke hoiland - jorgensen"
    assert name_keys("Herbert") == {}
    assert name_keys("Aneesh Kumar K.V")["initials"] == "aneesh kumar"
    assert "initials" not in name_keys("Raju P.L.S.S.S.N")  # one name and initials: nobody's by that name alone


@pytest.mark.parametrize("text", [
    "The Reconsidering Assisted approach was dropped.",   # a title's words
    "Intel Icelake systems showed the same numbers.",     # vendor and codename
    "Graphics: MT8186 Corsola SoCs and Unisoc IOMMUs.",  # hardware in the plural
    "The passwords fell to John the Ripper in an hour.",  # a tool: a name has no "the"
    "New drivers support Cyrix Geode 5530 audio controllers and Dyna Image AL3010 sensors.",  # vendor, model
    "Support for Turris Omnia LED controllers and Roccat Arvo keyboards was added.",  # a kind of product
    "Perf now supports the uncore unit on Intel Nehalem and Sandy Bridge CPUs.",  # a codename, before a plural
    "The patches were discussed at the recent Linaro Connect in Hong Kong.",  # a meeting
])
def test_persons_titles_and_products_are_not_people(resources, text):
    doc = resources.nlp(text)
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert not found, found


def test_persons_known_people_are_found(resources):
    doc = resources.nlp("Kirill Shutemov and Patrick McHardy reviewed the series; Yu-ling Wen tested it.")
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert {"Kirill Shutemov", "Patrick McHardy", "Yu-ling Wen"} <= found, found


def test_persons_a_sentences_first_word_is_no_given_name_unless_someone_has_it(resources):
    doc = resources.nlp("Something Morton would like to see is a maintainer for embedded systems. Will McVicker "
                        "said that the change was fine.")
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert "Something Morton" not in found and "Will McVicker" in found, found


@pytest.mark.parametrize("text, plausible", [
    ("Neonode zForce", False), ("John the Ripper", False),  # a product in mixed case, a tool
    ("Vishnu vardhan Rao", True), ("Yu-ling Wen", True), ("Arnaldo Carvalho de Melo", True),
    ("Nack Nack Nack", False),  # a word said again
])
def test_persons_a_name_has_no_function_word_and_no_word_in_mixed_case(nlp, text, plausible):
    doc = nlp(text)
    assert plausible_name(doc[:]) is plausible


def test_terms_are_found_by_shape_and_definition():
    text = ("The eXpress Data Path (XDP) and Foo over UDP (FOU) use SO_REUSEPORT, struct sockaddr, "
            "tcp_sendmsg() and CONFIG_NET_FOU; see https://example.org/a_b/c_d for more.")
    found = {(term, kind, definition) for _, _, term, kind, definition in find_terms(text)}
    assert found == {
        ("XDP", "acronym", "eXpress Data Path"), ("FOU", "acronym", "Foo over UDP"),
        ("SO_REUSEPORT", "identifier", ""), ("struct sockaddr", "identifier", ""),
        ("tcp_sendmsg()", "identifier", ""), ("CONFIG_NET_FOU", "config", ""),
    }
    for start, end, term, _, _ in find_terms(text):
        assert text[start:end] == term
    # the kernel's leading underscores are the identifier's own
    internal = "Reclaim without __GFP_FS calls __kfree_skb() and _raw_spin_lock()."
    assert [term for _, _, term, *_ in find_terms(internal)] == ["__GFP_FS", "__kfree_skb()", "_raw_spin_lock()"]


def test_terms_an_acronym_a_name_in_capitals_spells_from_inside_its_words():
    """"Trust Domain Extensions (TDX)": the X is inside "Extensions"; a name in capitals may do so, where
    ordinary words may not ("a trusted domain extension (TDX)" defines nothing)."""
    found = {(term, definition) for _, _, term, kind, definition in find_terms(
        "Kleen builds on Trust Domain Extensions (TDX); the Secure-Arbitration Mode (SEAM) runs it. Not a "
        "trusted domain extension (TDX).") if kind == "acronym"}
    assert found == {("TDX", "Trust Domain Extensions"), ("SEAM", "Secure-Arbitration Mode")}, found


def test_terms_link_to_subsystems_through_the_records(resources):
    knowledge = resources.knowledge
    link = lambda term, kind, definition="": term_subsystem(  # noqa: E731
        term, kind, definition, knowledge.subsystem_named, knowledge.kconfig, knowledge.by_entry)
    assert link("SO_REUSEPORT", "identifier") == "SO_REUSEPORT"
    assert link("struct sockaddr", "identifier") == "struct sockaddr"
    assert link("FOU", "acronym", "Foo over UDP") == knowledge.subsystem_named("Foo over UDP")
    assert link("CONFIG_NET_SCH_FQ_CODEL", "config") is not None   # symbol → Kconfig file → MAINTAINERS entry
    assert link("frobnicate_widget()", "identifier") is None
    # named after its subsystem, as kernel code names things
    assert (link("BPF_OK", "identifier"), link("struct tcp_sock", "identifier")) == ("BPF", "TCP")
    assert link("get_user_pages()", "identifier") is None and link("ip_fast_csum()", "identifier") is None
    # a name written as code, words joined by underscores, before the prefix: TCP fast open before TCP
    assert (link("TCP_FAST_OPEN", "identifier"), link("tcp_autocorking()", "identifier"),
            link("struct tcp_window_scaling", "identifier")) == ("TCP fast open", "TCP autocorking", "TCP window scaling")
    # after a name with an underscore of its own ("sk_buff"), or with a prefix of its own ("IORING_")
    assert (link("sk_buff_head", "identifier"), link("IORING_OP_SEND_ZC", "identifier")) == (
        "socket buffer (SKB)", "io_uring")


def test_persons_a_name_of_ordinary_words_is_a_person_beside_a_known_person(resources):
    doc = resources.nlp("The patch set came from Eric Dumazet and Amber Quill. Games like Cyberpunk, Far Cry and "
                        "Forza Horizon have benchmarks.")
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert {"Eric Dumazet", "Amber Quill"} <= found and "Far Cry" not in found, found


def test_persons_a_surname_written_unlike_a_title_refers_back(resources):
    from pipeline.analysis import extract_article
    docs = list(enumerate(resources.nlp.pipe(["Ted Ts'o asked about ext4.", "Ts'o disagreed with that plan."])))
    persons = [(p, text, person) for p, _s, _a, _b, text, person in extract_article(docs, resources)["persons"]]
    assert (1, "Ts'o", "Theodore Ts'o") in persons, persons


def test_persons_a_name_the_model_files_as_an_organisation_is_a_person_where_a_person_stands(resources):
    """"Ilkka Varanen said", "the series from Mirek Sandquist": the model calls both an organisation. So it
    does "Grant Price": both words are ordinary ones, but "Grant" is a given name of the kernel's records."""
    doc = resources.nlp("Ilkka Varanen said that the new netfilter hook would help. The series from Mirek "
                        "Sandquist adds a socket option. Azul Systems said that it ships the JVM.")
    assert {ent.text: ent.label_ for ent in doc.ents if ent.text in ("Ilkka Varanen", "Mirek Sandquist")} == {
        "Ilkka Varanen": "ORG", "Mirek Sandquist": "ORG"}  # what this test is about
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert found == {"Ilkka Varanen", "Mirek Sandquist"}, found
    doc = resources.nlp("Grant Price said that the queue would be resized.")
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Grant Price", "ORG")]
    assert [span.text for span in resources.person_finder.spans(doc, [])] == ["Grant Price"]


def test_persons_a_misfiled_name_owning_what_a_person_writes_is_a_person(resources):
    """"Rodrigo Moya's blog posting", "Mirek Sandquist's patch set": the model files the name with its "'s" as
    an organisation; what it owns is a person's. A company's is not ("Red Hat's patch set")."""
    doc = resources.nlp("As described in Mirek Sandquist's blog posting, there are reasons. Ilkka Varanen's patch "
                        "set adds a socket option. Red Hat's patch set adds it too.")
    assert {ent.text: ent.label_ for ent in doc.ents}.get("Mirek Sandquist's") in ("ORG", "GPE")  # what this is about
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert found == {"Mirek Sandquist", "Ilkka Varanen"}, found


def test_persons_a_surname_alone_after_a_misfiled_name_is_the_person_and_no_keyword(resources):
    from pipeline.analysis import extract_article
    docs = list(enumerate(resources.nlp.pipe([
        "Ilkka Varanen said that the new netfilter hook would help.",
        "Varanen wants the hook in the next release; Varanen has tested it on routers."])))
    result = extract_article(docs, resources)
    assert [(p, person) for p, *_, person in result["persons"]] == [
        (0, "Ilkka Varanen"), (1, "Ilkka Varanen"), (1, "Ilkka Varanen")], result["persons"]
    assert not {p for p, *_ in result["phrases"] if "Varanen" in p}, result["phrases"]


def test_persons_a_tagged_name_whose_given_name_is_a_word_is_a_person_where_a_person_stands(resources):
    """"A patch from Bobby Eshleman": "bobby" is a word, but the model says a person and the place agrees."""
    doc = resources.nlp("There was a patch from Bobby Eshleman, Ann Berg said. Learning Coccinelle takes time.")
    assert {ent.text: ent.label_ for ent in doc.ents}.get("Bobby Eshleman") == "PERSON"  # what this test is about
    found = {span.text for span in resources.person_finder.spans(doc, [])}
    assert "Bobby Eshleman" in found and "Learning Coccinelle" not in found, found
    dated = resources.nlp("In late September Tong Zhang pointed out a leak.")
    dated.ents = [Span(dated, 2, 5, label="PERSON")]  # as the model reads it in some sentences
    assert [span.text for span in resources.person_finder.spans(dated, [])] == [], dated.ents


def test_persons_a_hyphenated_given_name_is_one_given_name(resources):
    """"Kui-Feng Lee": WordNet has "kui" (and "lee"), but not "feng"; the given name is the hyphenated whole."""
    doc = resources.nlp("Kui-Feng Lee spoke early in the BPF track about some of the recent improvements to BPF.")
    assert [(ent.text, ent.label_) for ent in doc.ents][:1] == [("Kui-Feng Lee", "PERSON")]  # what this is about
    assert [span.text for span in resources.person_finder.spans(doc, [])] == ["Kui-Feng Lee"]
    worded = resources.nlp("Copy-On Write Lee is no name.")
    worded.ents = [Span(worded, 0, 5, label="PERSON")]  # a hyphenated pair of words stays words
    assert [span.text for span in resources.person_finder.spans(worded, [])] == [], worded.ents


def test_persons_a_particle_inside_a_tagged_name_is_no_ordinary_word(resources):
    """"Pascal Van Leeuwen": "pascal" and "van" are words, but "Van" inside a name is its particle."""
    doc = resources.nlp("See this message from Pascal Van Leeuwen for a rebuttal.")
    assert {ent.text: ent.label_ for ent in doc.ents}.get("Pascal Van Leeuwen") == "PERSON"  # what this is about
    assert [span.text for span in resources.person_finder.spans(doc, [])] == ["Pascal Van Leeuwen"]


def test_persons_a_middle_name_of_the_records_is_a_given_name(resources):
    """"J. Bruce Fields" in the kernel's records makes "Bruce" a given name, so a misfiled "Bruce Curtis" where a
    person stands is a person, though "bruce" and "curtis" are in the word list."""
    given = resources.person_finder.persons.first_names
    assert "bruce" in given and "j" not in given
    doc = resources.nlp("That is the objective of this patch from Bruce Curtis.")
    assert {ent.text: ent.label_ for ent in doc.ents}.get("Bruce Curtis") == "ORG"  # what this test is about
    assert [span.text for span in resources.person_finder.spans(doc, [])] == ["Bruce Curtis"]
