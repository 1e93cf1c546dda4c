"""The report as a Word document: the docxtpl template filled in, with its chart.

python-docx, docxtpl and the chart library are imported only here, when a .docx is asked for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..state import TASK_STATES
from .templates import TemplateError

# Okabe–Ito colours (safe for colour-blind readers), each state with its own hatching so
# that a greyscale print still tells them apart; counts are written on the bars.
CHART_STYLES: dict[str, tuple[str, str]] = {
    "done_on_time": ("#009E73", ""), "done_late": ("#56B4E9", "//"), "in_progress": ("#0072B2", ".."),
    "overdue": ("#D55E00", "xx"), "not_started": ("#CC79A7", "++"), "suspended": ("#999999", "--"),
    "no_report": ("#F0E442", "\\\\"), "not_required": ("#FFFFFF", ""),
}


def state_chart_png(context: dict[str, Any]) -> bytes:
    """A stacked bar per group: how many tasks are in each state."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["hatch.linewidth"] = 0.6
    rows = context["state_table"]
    labels = [f"Nhóm {r['group']}" for r in rows]
    # Drawn at the size it is printed (140 mm wide), so 9 pt here is 9 pt on paper.
    fig, ax = plt.subplots(figsize=(5.5, 0.3 * len(rows) + 1.9), dpi=200)
    ax.tick_params(labelsize=9)
    left = [0] * len(rows)
    for i, (state, label) in enumerate(zip(TASK_STATES, context["state_labels"], strict=True)):
        values = [r["counts"][i] for r in rows]
        if not any(values):
            continue
        colour, hatch = CHART_STYLES[state]
        dark = colour in ("#0072B2", "#009E73", "#D55E00")
        # The hatch takes the edge colour: light lines on a dark fill, so it shows in greyscale too.
        bars = ax.barh(labels, values, left=left, color=colour, hatch=hatch, linewidth=0.5,
                       edgecolor="#FFFFFF" if colour == "#0072B2" else "#333333", label=f"{label} ({sum(values)})")
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], label_type="center", fontsize=8,
                     color="white" if dark else "black", fontweight="bold",
                     bbox={"boxstyle": "round,pad=0.1", "fc": colour, "ec": "none"} if hatch else None)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("Số nhiệm vụ", fontsize=9)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def render_docx(context: dict[str, Any], template: Path) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from .templates import bounded, sandbox, template_failure

    try:
        doc = DocxTemplate(str(template))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        raise TemplateError(f"{template}: không phải tệp .docx hợp lệ ({type(exc).__name__})") from None
    full = dict(context)
    if context["state_table"]:
        full["chart"] = InlineImage(doc, io.BytesIO(state_chart_png(context)), width=Mm(140))
    try:
        with bounded():
            doc.render(full, jinja_env=sandbox(autoescape=True), autoescape=True)
    except Exception as exc:  # a template is code: whatever it raises is the template's fault
        raise TemplateError(template_failure(exc, template)) from None
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
