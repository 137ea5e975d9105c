"""The report page, the Frictionless package and the README's pandas snippets, on real built tables."""

import os
import re
import shutil

import pytest

from conftest import PROJECT
from pipeline import config, report


@pytest.fixture(scope="module")
def built_report(fixture_tables):
    return report.run(config.Options(out=fixture_tables, progress=False))


def test_report_every_image_exists_and_is_a_png(built_report):
    page = built_report.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) >= 5
    for name in images:
        data = (built_report.parent / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 2000, name
    for caption in re.findall(r"<figcaption>(.*?)</figcaption>", page):
        assert ".csv" in caption


def test_report_has_evidence_and_keywords(built_report, fixture_tables):
    page = built_report.read_text(encoding="utf-8")
    assert "<details><summary>Jamal Hadi Salim — traffic control" in page
    assert "who maintains the tc subsystem" in page
    assert "https://lwn.net/Articles/791010/" in page and "AF_XDP" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing loaded from the network


def test_report_works_on_the_sample_corpus(sample_tables):
    page = report.run(config.Options(out=sample_tables, progress=False))
    assert page.is_file()


def test_frictionless_validates_the_package(fixture_tables, sample_tables):
    from frictionless import validate

    for folder in (fixture_tables, sample_tables):
        result = validate(str(folder / "datapackage.json"))
        assert result.valid, result.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def _snippets():
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Analysing the tables", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_readme_snippets_run_on_real_tables(fixture_tables, tmp_path, capsys):
    snippets = _snippets()
    assert len(snippets) == 4
    shutil.copytree(fixture_tables, tmp_path / "processed")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        results = []
        for code in snippets:
            namespace = {}
            exec(compile(code, "README.md", "exec"), namespace)
            results.append(namespace)
    finally:
        os.chdir(cwd)
    assert set(results[0]["bpf_people"].index[:2]) == {"Alexei Starovoitov", "Daniel Borkmann"}
    assert 2019 in results[1]["subsystems_by_year"].columns
    assert results[1]["subsystems_by_year"].dtypes.map(lambda t: t.kind == "i").all()  # counts, not 25.0
    assert results[2]["works_on"]["traffic control"] == 3
    assert "packet classifier" in results[2]["topics"].index
    links, within, one = (results[3][k] for k in ("links", "within_paragraph", "one_sentence"))
    assert 0 < len(one) < len(within) < len(links)  # the fixtures hold links of all three reaches
    assert (one["person_sentence"] == one["sentence"]).all() and (within["person_paragraph"] == within["paragraph"]).all()


def test_report_who_works_on_what_counts_articles_not_rows():
    import pandas as pd

    relations = pd.DataFrame({"article_id": [1, 1, 1, 2], "person": ["Xin Long"] * 4, "subsystem": ["QUIC"] * 4,
                              "relation": ["proposed", "proposed", "works_on", "works_on"]})
    assert report._pairs_matrix(relations).loc["Xin Long", "QUIC"] == 2
