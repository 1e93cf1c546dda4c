"""The report as Markdown (the quick preview, or a `.md.j2` template an office brings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..wording import os_reason
from .templates import TemplateError


def render_markdown(context: dict[str, Any], template: Path) -> str:
    from .templates import bounded, compiled, template_failure

    try:
        stat = template.stat()
        parsed = compiled(template.resolve(), (stat.st_mtime_ns, stat.st_size))
    except OSError as exc:
        raise TemplateError(f"không đọc được mẫu {template}: {os_reason(exc)}") from None
    except Exception as exc:  # a template is code: whatever it raises is the template's fault
        raise TemplateError(template_failure(exc, template)) from None
    try:
        with bounded():
            return str(parsed.render(**context))
    except Exception as exc:
        raise TemplateError(template_failure(exc, template)) from None
