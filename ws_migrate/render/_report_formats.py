"""`render_report`: one `Report`, four formats behind one signature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:
    from ws_migrate.report import Report

ReportFormat = Literal["terminal", "markdown", "json", "html"]
REPORT_FORMATS: tuple[str, ...] = get_args(ReportFormat)


def render_report(report: Report, format: ReportFormat, **options: Any) -> str:
    """`report` as text. `terminal` takes `console=` (a rich Console to print on; "" is returned)
    and `width=`; `json` takes `indent=`. Raises ValueError for an unknown format."""
    # each renderer imports only what it needs: JSON output never loads rich
    if format == "terminal":
        from ws_migrate.render._report_terminal import render_report_terminal

        return render_report_terminal(report, **options)
    if format == "markdown":
        from ws_migrate.render._report_markdown import render_report_markdown

        return render_report_markdown(report, **options)
    if format == "json":
        from ws_migrate.render._report_json import render_report_json

        return render_report_json(report, **options)
    if format == "html":
        from ws_migrate.render._report_html import render_report_html

        return render_report_html(report, **options)
    raise ValueError(f"unknown report format {format!r}; expected one of {', '.join(REPORT_FORMATS)}")
