"""JSON Schema of each register file, generated from the models."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .model import Agency, Group, Programme, Report, Target, Task

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def _schema(title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_URI, **body, "title": title}


def schemas() -> dict[str, dict[str, Any]]:
    """{file stem: schema}; `tasks` nests the real Task model inside each group."""
    tasks = TypeAdapter(dict[str, Any]).json_schema()
    programme = Programme.model_json_schema(by_alias=True)
    group = Group.model_json_schema(by_alias=True)
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
        "progress": _schema("progress/<kỳ>/<cơ-quan>.yaml", Report.model_json_schema(by_alias=True)),
    }
