"""JSON Schema of each register file, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .errors import QnctrError
from .model import Agency, Group, Programme, ProgressReport, Target, Task

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _schema(title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_URI, **body, "title": title}


def schemas() -> dict[str, dict[str, Any]]:
    """{file stem: schema}; `tasks` nests the real Task model inside each group."""
    tasks = TypeAdapter(dict[str, Any]).json_schema()
    programme = TypeAdapter(Programme).json_schema(by_alias=True)
    group = TypeAdapter(Group).json_schema(by_alias=True)
    task = TypeAdapter(Task).json_schema(by_alias=True)
    defs = {**programme.pop("$defs", {}), **task.pop("$defs", {})}
    group["properties"]["tasks"] = {"type": "array", "items": {"$ref": "#/$defs/Task"}}
    defs.update({"Programme": programme, "Group": group, "Task": task})
    tasks = {
        "type": "object",
        "properties": {
            "programme": {"$ref": "#/$defs/Programme"},
            "groups": {"type": "array", "items": {"$ref": "#/$defs/Group"}},
        },
        "required": ["programme", "groups"],
        "additionalProperties": False,
        "$defs": defs,
    }
    return {
        "agencies": _schema("agencies.yaml", TypeAdapter(list[Agency]).json_schema(by_alias=True)),
        "tasks": _schema("tasks.yaml", tasks),
        "targets": _schema("targets.yaml", TypeAdapter(list[Target]).json_schema(by_alias=True)),
        "progress": _schema("progress/<kỳ>/<cơ-quan>.yaml", TypeAdapter(ProgressReport).json_schema(by_alias=True)),
    }


def write_schemas(folder: Path) -> list[Path]:
    """Each schema as <folder>/<file>.schema.json (replacing what is there); the paths written."""
    from .atomic import write_output
    from .render.export import to_json

    if not folder.is_dir():
        raise QnctrError(f"không có thư mục '{folder}'")
    written = []
    for name, body in schemas().items():
        path = folder / f"{name}.schema.json"
        write_output(path, (to_json(body) + "\n").encode("utf-8"), force=True)
        written.append(path)
    return written
