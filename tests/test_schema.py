"""`qnctr schema`: JSON Schema from the models, kept in sync with schema/, and honoured by data/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from .support import DATA, MINI, PROGRAMME_131, ROOT, run_cli


def test_schema_command_prints_all_five() -> None:
    result = run_cli("schema")
    assert result.code == 0
    schemas = json.loads(result.out)
    assert set(schemas) == {"agencies", "tasks", "targets", "progress", "explanations"}
    assert schemas["explanations"]["items"]["$ref"].endswith("Explanation")
    assert schemas["agencies"]["items"]["$ref"].endswith("Agency")


def test_shipped_schema_files_match_the_models(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path))
    assert result.code == 0
    for name in ("agencies", "tasks", "targets", "progress"):
        generated = (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8")
        shipped = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert generated == shipped, f"schema/{name}.schema.json is stale: run 'qnctr schema -o schema'"


@pytest.mark.parametrize(("data_file", "schema"), [
    (DATA / "agencies.yaml", "agencies"),
    (PROGRAMME_131 / "tasks.yaml", "tasks"),
    (PROGRAMME_131 / "targets.yaml", "targets"),
    (MINI / "progress/2026-H1/so-a.yaml", "progress"),
])
def test_register_files_validate_against_their_schema(data_file: Path, schema: str) -> None:
    body = json.loads((ROOT / "schema" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(data_file.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, body)
    bad = {"wrong": 1} if schema in ("tasks", "progress") else [{"id": "X"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, body)


def test_register_files_name_their_schema_for_editors() -> None:
    for folder, name in ((DATA, "agencies"), (PROGRAMME_131, "tasks"), (PROGRAMME_131, "targets")):
        first = (folder / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
        relative = first.removeprefix("# yaml-language-server: $schema=")
        assert relative != first and relative.endswith(f"schema/{name}.schema.json")
        assert (folder / relative).resolve() == (DATA.parent / "schema" / f"{name}.schema.json").resolve()


def test_an_editor_explains_each_field_in_vietnamese() -> None:
    from qnctr.schema import schemas

    found = schemas()
    programme = found["tasks"]["$defs"]["Programme"]
    assert programme["title"] == "Chương trình" and programme["properties"]["id"]["title"] == "Số hiệu"
    assert "210/KH-UBND" in programme["properties"]["id"]["description"]
    for name, definition in [(n, d) for s in found.values() for n, d in [*s.get("$defs", {}).items(), ("", s)]]:
        if name in ("Programme", "Task", "Agency", "Target", "TaskEntry", "Observation", "Reporting", "ReportingPeriod"):
            english = [k for k, v in definition["properties"].items() if v.get("title") == k.replace("_", " ").title()]
            assert not english, f"{name}: {english} have no Vietnamese title"
    assert found["progress"]["properties"]["period"]["title"] == "Kỳ báo cáo"
