"""The importer of the kernel's records, on small records written for these tests (never ../shared)."""

import shutil

import pytest

from conftest import RESOURCES
from pipeline.errors import PipelineError
from pipeline.knowledge import importer, kernel_subsystems, naming, records
from pipeline.knowledge.taxonomy import load_mailing_lists, load_subsystems, read_subsystem_rows, rows

KERNEL = RESOURCES / "kernel"
CURATED = ("# test taxonomy\nsubsystem\tcategory\taliases\tkernel_entry\tkernel_aliases\tsource\n"
           "TCP\tprotocol\tTransmission Control Protocol\tNETWORKING [TCP]\t\tcurated\n"
           "network drivers\tdriver\tnetwork driver\t\t\tcurated\n"
           "ZetaFS\tstorage\t\tZETAFS NETWORK FILE SYSTEM CLIENT\t\tcurated\n")


def _import(tmp_path, layout):
    out = tmp_path / layout
    out.mkdir()
    (out / "subsystems.tsv").write_text(CURATED, encoding="utf-8")
    importer.run(KERNEL / layout, out)
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    return _import(tmp_path_factory.mktemp("knowledge"), "records")


def test_importer_keeps_curated_rows_and_adds_the_networking_entries(imported):
    taxonomy = {r.name: r for r in read_subsystem_rows(imported / "subsystems.tsv")}
    assert taxonomy["TCP"].source == "curated" and taxonomy["TCP"].aliases == ["Transmission Control Protocol"]
    assert taxonomy["TCP"].kernel_entry == "NETWORKING [TCP]"
    assert taxonomy["foo9k"].kernel_entry == "FOO9K ETHERNET DRIVER (foo9k)" and taxonomy["foo9k"].category == "driver"
    # the iWARP driver's folder is named foo9k too; the entry that calls itself "(foo9k)" keeps the name
    assert taxonomy["foo9k"].kernel_aliases == ["foo9k"] and taxonomy["IW_FOO9K"].kernel_aliases == ["IW_FOO9K"]
    assert "FOU" in taxonomy["Foo over UDP"].kernel_aliases  # the Kconfig feature, its acronym from the symbol
    # an acronym of letters inside the words, and the help's own mixed-case spelling of it
    assert {"QLE", "QLe"} <= set(taxonomy["Quasi Link-Estimator"].kernel_aliases)
    assert taxonomy["acme9000"].kernel_entry == "ACME ETHERNET DRIVERS"  # a driver module from its Kconfig symbol
    assert taxonomy["avf"].kernel_aliases == ["avf", "acmevf"]  # the module its help names, and the symbol's name
    # a driver whose Kconfig sits deeper in its vendor's folder, its help naming the module without "module"
    assert taxonomy["acmex_core"].kernel_entry == "ACME ETHERNET DRIVERS" and taxonomy["acmex_core"].category == "driver"
    assert "ice" not in taxonomy  # a three-letter module name that is an English word would match prose
    assert {"WTP", "wtp_sock"} <= set(taxonomy["WTP"].kernel_aliases)  # entry acronym, K: identifier
    assert taxonomy["quuxdev"].kernel_aliases == ["quuxdev", "BPF quuxdev"]  # a BPF entry's device, by its module
    assert not any("BAR" in r.kernel_entry or "framebuffer" in r.name.lower() for r in taxonomy.values())


def test_importer_writes_provenance_roles_people_and_symbols(imported):
    header = (imported / "subsystems.tsv").read_text(encoding="utf-8").splitlines()
    assert header[0] == "# test taxonomy"
    assert any("Linux 6.99.1" in line and "MAINTAINERS" in line for line in header if line.startswith("#"))
    roles = {tuple(f) for _, f in rows(imported / "maintainers.tsv", 3)}
    assert ("NETWORKING [TCP]", "Eric Dumazet", "maintainer") in roles
    assert ("ACME ETHERNET DRIVERS", "Ben Okafor", "reviewer") in roles
    # an entry off the networking lists and paths counts when a taxonomy row names it; another does not
    assert ("ZETAFS NETWORK FILE SYSTEM CLIENT", "Ines Moreau", "maintainer") in roles
    assert not any(entry == "BAR FRAMEBUFFER DRIVER" for entry, _, _ in roles)
    people = {f[0]: f[1] for _, f in rows(imported / "kernel_people.tsv", 1)}
    assert people["Kirill A. Shutemov"] == "Kirill A Shutemov"  # .mailmap's proper name wins
    assert people["Neil Brown"] == "NeilBrown"  # CREDITS spelling joined by the shared address
    # a directory's "surname, given name" as prose writes it; a company after a full name left out
    assert people["Jan Novak"] == "Novak, Jan" and people["Omar Lind"] == "Omar Lind, Initech Consulting"
    assert "Acme Kernel Team" not in people  # a team is nobody
    assert people["Paul Okonkwo"] == "Sunny Okonkwo"  # the nickname CREDITS gives is a spelling of the name
    assert "Ada" not in people and "Ada Lindqvist" in people  # a name alone that is Ada Lindqvist's given name
    symbols = {f[0]: f for _, f in rows(imported / "kconfig.tsv", 3)}
    assert symbols["NET_FOU"][2:] == ["net/ipv4/Kconfig", "NETWORKING [GENERAL]"]
    organisations = {f[0]: f[1] for _, f in rows(imported / "organisations.tsv", 2)}
    assert organisations == {"initech": "3"}  # three addresses at a company's domain; two at example.com are none
    lists = {f[0]: f[1] for _, f in rows(imported / "mailing_lists.tsv", 2)}
    assert lists["netdev"] == "7" and {"bpf", "linux-fbdev", "linux-fsdevel"} <= set(lists), lists


def test_importer_reads_a_kernel_source_tree_the_same_way(imported, tmp_path):
    tree = _import(tmp_path, "tree")
    for name in ("subsystems.tsv", "maintainers.tsv", "kernel_people.tsv", "kconfig.tsv", "organisations.tsv",
                 "mailing_lists.tsv"):
        def body(folder):
            return [l for l in (folder / name).read_text(encoding="utf-8").splitlines() if not l.startswith("# Imported")]
        assert body(tree) == body(imported), name
    assert "Linux 6.99.1" in (tree / "kconfig.tsv").read_text(encoding="utf-8")


def test_importer_run_twice_changes_nothing(imported, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(imported, again)
    importer.run(KERNEL / "records", again)
    for path in imported.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_importer_refuses_a_folder_without_records(tmp_path):
    with pytest.raises(PipelineError, match="no MAINTAINERS file"):
        importer.read_records(tmp_path)


def test_importer_output_loads_as_a_taxonomy(imported):
    subsystems, terms = load_subsystems(imported / "subsystems.tsv")
    aliases = {t.alias for t in terms}
    assert {"FOU", "foo9k", "acme9000", "Transmission Control Protocol"} <= aliases
    assert "networking [general]" not in {a.lower() for a in aliases}  # a name that says nothing is not matched


def test_importer_makes_the_user_space_api_constants_features(tmp_path):
    out = tmp_path / "uapi"
    out.mkdir()
    (out / "subsystems.tsv").write_text(CURATED + "Nagle algorithm\tprotocol\tTCP_NODELAY\t\t\tcurated\n", encoding="utf-8")
    importer.run(KERNEL / "records", out, KERNEL / "uapi")
    taxonomy = {r.name: r for r in read_subsystem_rows(out / "subsystems.tsv")}
    uapi = {name for name, r in taxonomy.items() if r.source == "uapi"}
    assert {"TCP_MAXSEG", "TCP_ZEROCOPY_RECEIVE", "SOCK_DESTROY", "SO_RCVLOWAT", "SCM_RIGHTS",
            "BPF_PROG_TYPE_XDP"} <= uapi
    assert "TCP_NODELAY" not in taxonomy and "Nagle algorithm" in taxonomy  # a hand-kept alias names it already
    assert not {n for n in uapi if "_NLA_" in n or n.endswith(("_UNSPEC", "_H")) or n.startswith("__")}, uapi
    assert taxonomy["TCP_MAXSEG"].kernel_entry == "" and taxonomy["TCP_MAXSEG"].category == "protocol"
    text = (out / "subsystems.tsv").read_text(encoding="utf-8")
    assert "# uapi rows: constants of the user-space API headers of Linux 6.13.1." in text
    importer.run(KERNEL / "records", out)  # without headers, the rows are kept as they are
    assert (out / "subsystems.tsv").read_text(encoding="utf-8") == text
    subsystems, terms = load_subsystems(out / "subsystems.tsv")
    assert {t.canonical for t in terms if t.alias == "SO_RCVLOWAT"} == {"SO_RCVLOWAT"}


def test_records_uapi_constants_by_prefix_define_and_enum():
    text = (KERNEL / "uapi" / "linux" / "bpf.h").read_text(encoding="utf-8")
    assert records.uapi_constants(text, (), ("BPF_PROG_TYPE_",)) == ["BPF_PROG_TYPE_SOCKET_FILTER", "BPF_PROG_TYPE_XDP"]
    assert records.uapi_constants("#define TCP_CORK 3\n#define UDP_CORK 1\n", ("TCP_",)) == ["TCP_CORK"]


@pytest.mark.parametrize("name, display", [
    ("NETWORKING [TCP]", "TCP"),
    ("MELLANOX MLX5 core VPI driver", "mlx5"),
    ("MELLANOX ETHERNET DRIVER (mlx5e)", "mlx5e"),
    ("BPF [L7 FRAMEWORK] (sockmap)", "sockmap"),
    ("XDP SOCKETS (AF_XDP)", "AF_XDP"),
    ("NETWORKING [IPv4/IPv6]", "IPv4"),
])
def test_naming_entry_names_are_what_writers_write(name, display):
    assert naming.entry_names(name, frozenset({"general", "framework", "sockets"}))[0] == display


@pytest.mark.parametrize("prompt, pair", [
    ("CAIA Delay-Gradient (CDG)", ("CAIA Delay-Gradient", "CDG")),
    ("True Link Equalizer (TEQL)", ("True Link Equalizer", "TEQL")),
    ("Deficit Round Robin scheduler (DRR)", ("Deficit Round Robin scheduler", "DRR")),
    ("Use RX polling (NAPI)", None),  # no N to start a word
    ("Supply CT list in procfs (OBSOLETE)", None),
    ("Serial CAN Adaptors (slcan)", None),  # a module's name, not an acronym
])
def test_naming_an_acronym_spelled_inside_the_words_of_a_name(prompt, pair):
    assert naming.named_acronym(prompt) == pair


@pytest.mark.parametrize("text, pairs", [
    ("Layer Two Tunneling Protocol (L2TP)", [("Layer Two Tunneling Protocol", "L2TP")]),  # a 2 for "two"
    ("Asynchronous Transfer Mode (ATM)", [("Asynchronous Transfer Mode", "ATM")]),
    ("Network File System version 4 (NFSv4)", []),  # a version number is no word of the name
])
def test_naming_an_acronym_with_a_digit_for_a_word(text, pairs):
    assert naming.acronym_pairs(text) == pairs


@pytest.mark.parametrize("text, pairs", [
    ("protected by read-copy-update (RCU) since", [("read-copy-update", "RCU")]),
    ("a submission-queue entry (SQE) holds", [("submission-queue entry", "SQE")]),
    ("the BPF just-in-time (JIT) compiler", [("just-in-time", "JIT")]),
    ("the platform-specific application binary interface (psABI)",
     [("platform-specific application binary interface", "psABI")]),
    ("the virtual dynamic shared object (vDSO)", [("virtual dynamic shared object", "vDSO")]),
    ("a so-called fast path (FP)", [("fast path", "FP")]),
    ("in a tree (inTree)", []),
])
def test_naming_an_acronym_of_hyphenated_words_or_with_a_lower_case_prefix(text, pairs):
    """Words a hyphen joins give a letter each, and an acronym may start with lower-case letters of its own."""
    assert naming.acronym_pairs(text) == pairs


@pytest.mark.parametrize("text, pairs", [
    ("the new API (NAPI)", [("new API", "NAPI")]),
    ("asynchronous I/O (AIO) support", [("asynchronous I/O", "AIO")]),
    ("classic BPF (cBPF)", [("classic BPF", "cBPF")]),
    ("the I/O acceleration technology (I/OAT) engine", [("I/O acceleration technology", "I/OAT")]),
    ("graphics/kernel mode setting (KMS)", [("kernel mode setting", "KMS")]),  # a slash after a word ends it
    ("its own user ID (group ID)", []),  # an acronym alone spells nothing
    ("the industrial I/O (iio) subsystem", []),  # nor does one word after an acronym
    ("OCFS2 (Oracle)", []),
    ("the OOF (out-of-fuel) killer", [("out-of-fuel", "OOF")]),
])
def test_naming_an_acronym_among_the_words_gives_all_its_letters(text, pairs):
    """"new API (NAPI)": a word that is an acronym itself gives its letters; a long form after its acronym is
    words, a space or a hyphen between them."""
    assert naming.acronym_pairs(text) == pairs


def test_naming_ordinary_words_and_other_areas_are_not_distinctive():
    english = frozenset({"team", "bridge", "general"})
    assert not naming.is_distinctive("team", english)
    assert not naming.is_distinctive("GENERAL", english)
    assert not naming.is_distinctive("USB", english)
    assert not naming.is_distinctive("x86", english)
    assert naming.is_distinctive("ixgbe", english) and naming.is_distinctive("FOU", english)


def test_records_parse_people_and_file_patterns():
    assert records.parse_person('"James E.J. Bottomley" <jejb@example.org>').name == "James E.J. Bottomley"
    assert records.parse_person("netdev@vger.kernel.org") is None
    assert records.parse_person("Ada Byrne (ab) <ab@example.org>").name == "Ada Byrne"  # a handle is no name
    credits = records.parse_credits('N: Tam "Tiny" Okafor (tok)\nE: tok@example.org\n\nN: Lee (Lenny) Marsh\n'
                                    "\nN: Ola `Sunny' Berg\n\nN: Ivo Lund (AKA Ivl)\n")
    assert [p.name for p in credits] == ["Tam Okafor", "Lee Marsh", "Ola Berg", "Ivo Lund"]
    # the name the person goes by, where the nickname reads as a given name (a handle does not)
    assert [p.goes_by for p in credits] == ["Tiny Okafor", "Lenny Marsh", "Sunny Berg", ""]
    assert records.parse_mailmap("Ada 'Dee' Byrne <ab@example.org>")[0][0] == records.Person(
        "Ada Byrne", "ab@example.org", "Dee Byrne")
    assert records.plain_name("Tess O'Hara") == "Tess O'Hara"  # an apostrophe is no quotation mark
    # an accent written as TeX writes it is the letter it makes
    assert [p.name for p in records.parse_credits("N: J\\\"urgen M\\'eszaros\nE: jm@example.org\n")] == ["Jürgen Mészaros"]
    entry = records.Entry("X", files=["net/ipv4/tcp*.c", "include/net/"], excluded=["include/net/old.h"])
    assert entry.covers("net/ipv4/tcp_input.c") and entry.covers("include/net/tcp.h")
    assert not entry.covers("include/net/old.h") and not entry.covers("net/ipv4/udp.c")


@pytest.mark.parametrize("help_text, modules", [
    ("To compile it as a module, choose M here. The module will be called foo9k.", ["foo9k"]),
    ("M to compile as module (module will be named: foo_can).", ["foo_can"]),
    ("For more information see the wiki. The built module will be foo9k_usb.", ["foo9k_usb"]),
    ("The module will be loaded at boot when the card is found.", []),  # a bare word is no module's name
])
def test_importer_reads_the_module_a_driver_help_names(help_text, modules):
    symbol = records.Symbol("FOO_DRIVER", "drivers/net/ethernet/foo/Kconfig", "tristate", "Foo support", help_text)
    assert kernel_subsystems.modules_of(symbol, frozenset({"loaded", "module"})) == modules


def test_mailing_lists_that_are_only_lists(tmp_path):
    path = tmp_path / "mailing_lists.tsv"
    path.write_text("# lists\nmailing_list\tentries\nlinux-kernel\t98\nnetdev\t232\ndri-devel\t67\nlinux-next\t1\n"
                    "open-iscsi\t1\nmaple-tree\t1\n", encoding="utf-8")
    lists = load_mailing_lists(path, frozenset({"linux-next", "open-iscsi", "netdev"}))
    assert lists == {"linux-kernel", "linux-kernel list", "dri-devel", "dri-devel list"}, lists
