"""Audit output: a terminal table, JSON, and one self-contained HTML file with inline SVG charts.

The HTML needs nothing from the network: CSS and the little filtering script are inline and
the charts are SVG drawn here, so the file can be mailed or archived next to the database.
Each flagged quote is shown inside its excerpt with the quote highlighted, next to the other
quotes of the same flag, with links to the original URL and to the archived copy served by
``harvester serve`` (``/-/archive/<page id>``), its stable key (for ``harvester review mark``)
and any verdict. The page stays small at any database size: it shows at most
:data:`DETAIL_LIMIT` flags per check and points to Datasette and ``harvester review list
--flagged`` for the rest.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import IO

from harvester.audit import AuditReport, Flag, SeriesPoint, Source, TargetCheck

DETAIL_LIMIT = 100  # flags shown per check in the HTML report
TARGET_ROWS = 120  # rows of the targets chart (behind first)
STAR_COLORS = {"5": "#7b2cbf", "4": "#1d6fb8", "3": "#2a9d8f", "3+": "#e76f51", "4+": "#f4a261", "all": "#495057"}
VERDICT_COLORS = {"behind": "#d62828", "met": "#2a9d8f", "exceeded": "#1d6fb8", "unknown": "#adb5bd"}
SECTION_TITLES = {
    "conflict": ("Số liệu mâu thuẫn", "Conflicting counts"),
    "decrease": ("Tổng số giảm theo thời gian", "Totals that went down"),
    "breakdown": ("Cơ cấu không khớp tổng", "Breakdowns that do not add up"),
    "decision-date": ("Văn bản trích dẫn với ngày khác nhau", "Decisions cited with different dates"),
    "target": ("Mục tiêu và kết quả", "Targets against latest achievements"),
    "annex": ("Số sản phẩm trong quyết định và phụ lục", "Stated count against annex rows"),
    "dismissed": ("Cảnh báo đã bỏ qua (mọi số liệu đã được xác nhận)", "Dismissed (every figure verified)"),
}


# --------------------------------------------------------------------------------- text / JSON


def write_json(report: AuditReport, out: IO[str]) -> None:
    """The report as one JSON document, written flag by flag (never built whole in memory)."""
    whole = report.to_json(flags=False)
    out.write("{\n")
    for name, value in whole.items():
        out.write(f"  {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)},\n")
    lists = report.flag_lists()
    for number, (name, flags) in enumerate(lists.items()):
        out.write(f"  {json.dumps(name)}: [")
        for i, flag in enumerate(flags):
            out.write(("," if i else "") + "\n    " + json.dumps(flag.to_json(), ensure_ascii=False))
        out.write("\n  ]" + ("," if number < len(lists) - 1 else "") + "\n")
    out.write("}\n")


def render_json(report: AuditReport) -> str:
    out = io.StringIO()
    write_json(report, out)
    return out.getvalue()


def text_lines(report: AuditReport) -> Iterator[str]:
    """One line per flag, grouped by check, each followed by its quotes."""
    yield f"Audit of {report.db}" + _filters_text(report)
    yield ("  ".join(f"{k}: {v}" for k, v in report.counts().items())
           + (f"  (dismissed: {len(report.dismissed)})" if report.dismissed else ""))
    for kind, flags, total in _sections(report):
        yield ""
        yield f"== {SECTION_TITLES[kind][1]} ({total})"
        for flag in flags:
            yield f"- {flag.summary}"
            for src in flag.sources:
                value = src.count if src.count is not None else src.issued
                judged = f" {src.verdict}" if src.verdict else ""
                key = f" key {src.key}" if src.key else ""
                yield f"    [{value}] “{src.quote}” — {src.url or '?'} ({(src.published or '')[:10]}){key}{judged}"


def write_text(report: AuditReport, out: IO[str]) -> None:
    for line in text_lines(report):
        out.write(line + "\n")


def render_text(report: AuditReport) -> str:
    return "\n".join(text_lines(report))


def _filters_text(report: AuditReport) -> str:
    parts = [f"province={report.province}" if report.province else "", f"year={report.year}" if report.year else ""]
    parts = [p for p in parts if p]
    return f" ({', '.join(parts)})" if parts else ""


def _sections(report: AuditReport) -> list[tuple[str, Iterable[Flag], int]]:
    """(check, every flag of it, how many) in report order."""
    spooled = [("conflict", "conflicts"), ("decrease", "decreases"), ("breakdown", "breakdowns"),
               ("decision-date", "decision_dates")]
    return [
        *((kind, report.all(name), report.total(name)) for kind, name in spooled),
        ("target", report.targets, len(report.targets)),
        ("annex", report.all("annexes"), report.total("annexes")),
        ("dismissed", report.dismissed, len(report.dismissed)),
    ]


# --------------------------------------------------------------------------------- SVG charts


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value``."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        top = int(step * factor)
        if top >= value:
            return top
    return value


def certified_chart(province: str, levels: dict[str, list[SeriesPoint]]) -> str:
    """Grouped bars: one group per year, one bar per star level, for one province."""
    years = sorted({p.year for points in levels.values() for p in points})
    stars = sorted(levels, key=lambda s: list(STAR_COLORS).index(s) if s in STAR_COLORS else 99)
    top = _nice_max(max(p.count for points in levels.values() for p in points))
    width, height, left, bottom, pad = 420, 220, 44, 28, 12
    plot_w, plot_h = width - left - pad, height - bottom - pad
    group_w = plot_w / max(len(years), 1)
    bar_w = min(28.0, (group_w - 10) / max(len(stars), 1))
    out = [f'<svg class="chart chart-certified" data-province="{escape(province)}" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="{escape(province)}">']
    for tick in range(5):
        value = top * tick / 4
        y = pad + plot_h - plot_h * tick / 4
        out.append(f'<line x1="{left}" x2="{width - pad}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{value:g}</text>')
    for gi, year in enumerate(years):
        gx = left + gi * group_w + (group_w - bar_w * len(stars)) / 2
        for si, level in enumerate(stars):
            point = next((p for p in levels[level] if p.year == year), None)
            if point is None:
                continue
            h = plot_h * point.count / top
            x, y = gx + si * bar_w, pad + plot_h - h
            out.append(
                f'<rect class="bar" data-stars="{escape(level)}" data-year="{year}" data-count="{point.count}" '
                f'x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{STAR_COLORS.get(level, "#888")}">'
                f'<title>{escape(province)} {year}, {escape(_stars_label(level))}: {point.count} — '
                f'“{escape(point.source.quote)}”</title></rect>'
                f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 3:.1f}" class="value" text-anchor="middle">{point.count}</text>')
        out.append(f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{height - 8}" class="tick" '
                   f'text-anchor="middle">{year}</text>')
    out.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{STAR_COLORS.get(s, "#888")}"></i>'
                     f"{escape(_stars_label(s))}</span>" for s in stars)
    return (f'<figure class="small-multiple"><figcaption>{escape(province)}</figcaption>{"".join(out)}'
            f'<div class="legend">{legend}</div></figure>')


def _stars_label(stars: str | None) -> str:
    if stars in (None, "all"):
        return "mọi hạng sao / all"
    return f"{stars} sao" if not stars.endswith("+") else f"{stars[:-1]} sao trở lên"


def targets_chart(targets: list[TargetCheck]) -> str:
    """Horizontal bars: the target as an outline, the latest achieved count filled, per target."""
    if not targets:
        return '<p class="empty">Không có mục tiêu nào / no targets found.</p>'
    targets = sorted(targets, key=lambda t: t.verdict != "behind")[:TARGET_ROWS]
    row_h, left, right, pad = 34, 250, 70, 10
    width = 760
    height = pad * 2 + row_h * len(targets) + 20
    top = _nice_max(max(max(t.target or 0, t.achieved or 0) for t in targets))
    scale = (width - left - right) / top
    out = [f'<svg class="chart chart-targets" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           'role="img" aria-label="targets vs achieved">']
    for i, t in enumerate(targets):
        y = pad + i * row_h
        label = f"{t.province} · {_stars_label(t.stars)} · {t.target_year or '?'}"
        color = VERDICT_COLORS.get(t.verdict or "unknown", "#888")
        out.append(f'<g class="target-row" data-province="{escape(t.province or "")}" data-stars="{escape(t.stars or "")}" '
                   f'data-target="{t.target}" data-achieved="{"" if t.achieved is None else t.achieved}" '
                   f'data-verdict="{t.verdict}">')
        out.append(f'<text x="{left - 8}" y="{y + 19}" class="label" text-anchor="end">{escape(label)}</text>')
        if t.achieved is not None:
            out.append(f'<rect class="achieved" x="{left}" y="{y + 6}" width="{t.achieved * scale:.1f}" height="18" '
                       f'fill="{color}"><title>achieved {t.achieved} ({escape(t.achieved_period or "")})</title></rect>')
        out.append(f'<rect class="target" x="{left}" y="{y + 3}" width="{(t.target or 0) * scale:.1f}" height="24" '
                   f'fill="none" stroke="#212529" stroke-dasharray="4 3"><title>target {t.target}</title></rect>')
        out.append(f'<text x="{width - right + 6}" y="{y + 19}" class="value">'
                   f'{"—" if t.achieved is None else t.achieved}/{t.target}</text></g>')
    out.append(f'<text x="{left}" y="{height - 6}" class="tick">0</text>'
               f'<text x="{width - right}" y="{height - 6}" class="tick" text-anchor="end">{top}</text></svg>')
    return "".join(out)


# --------------------------------------------------------------------------------- HTML


def _source_card(src: Source, *, datasette_url: str | None, db_name: str) -> str:
    value = f"{src.count}" if src.count is not None else escape(src.issued or "")
    links = []
    if src.url:
        links.append(f'<a class="original" href="{escape(src.url)}">bài gốc / original</a>')
    if datasette_url and src.page_id is not None:
        links.append(f'<a class="archived" href="{escape(datasette_url)}/-/archive/{src.page_id}">'
                     "bản lưu / archived page</a>")
    if datasette_url and src.article_id is not None:
        links.append(f'<a class="row" href="{escape(datasette_url)}/{escape(db_name)}/articles/{src.article_id}">'
                     "dòng dữ liệu / row</a>")
    judged = ""
    if src.verdict:
        was = f" (trích xuất / extracted {src.extracted})" if src.extracted is not None else ""
        judged = f'<span class="verdict verdict-{escape(src.verdict)}">{escape(src.verdict)}{was}</span> '
    key = f'<small class="key">key {escape(src.key)}</small>' if src.key else ""
    return (
        f'<div class="source"><div class="value">{value}</div>'
        f'<div class="meta">{escape(src.title or "(không tiêu đề)")}<br><small>{escape(src.portal_id or "")} · '
        f'{escape((src.published or "")[:10])} · ký tự {src.start}–{src.end}'
        f'{" · tính đến " + escape(src.as_of) if src.as_of else ""}</small></div>'
        f'<blockquote>{escape(src.before)}<mark>{escape(src.quote)}</mark>{escape(src.after)}</blockquote>'
        f'<div class="links">{judged}{" · ".join(links)} {key}</div></div>'
    )


def _flag_card(flag: Flag, *, datasette_url: str | None, db_name: str) -> str:
    extra = ""
    if isinstance(flag, TargetCheck):
        extra = f' data-verdict="{flag.verdict}"'
        badge = f'<span class="badge" style="background:{VERDICT_COLORS.get(flag.verdict or "", "#888")}">{flag.verdict}</span>'
    else:
        badge = f'<span class="badge">{escape(flag.kind)}</span>'
    body = "".join(_source_card(s, datasette_url=datasette_url, db_name=db_name) for s in flag.sources)
    doc_link = getattr(flag, "document_url", None)
    if doc_link:
        body += f'<div class="source"><a class="original" href="{escape(doc_link)}">văn bản / document page</a></div>'
    return (f'<article class="flag flag-{escape(flag.kind)}"{extra}><h3>{badge} {escape(flag.summary)}</h3>'
            f'<div class="sources">{body}</div></article>')


CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#212529;background:#f8f9fa}
header{background:#1b4332;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
main{padding:10px 28px 40px;max-width:1280px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border-radius:8px;padding:10px 16px;box-shadow:0 1px 3px #0002;min-width:120px}
.card b{display:block;font-size:26px}.card.hot b{color:#d62828}
h2{margin:28px 0 8px;border-bottom:2px solid #dee2e6;padding-bottom:4px}h2 small{color:#6c757d;font-weight:normal}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure.small-multiple{background:#fff;margin:0;padding:8px 10px;border-radius:8px;box-shadow:0 1px 3px #0002}
figcaption{font-weight:600}.legend{font-size:12px}.key{margin-right:10px}.key i{display:inline-block;width:10px;height:10px;margin-right:4px}
svg .grid{stroke:#e9ecef}svg .tick{font-size:11px;fill:#6c757d}svg .value{font-size:11px;fill:#212529}svg .label{font-size:12px;fill:#212529}
.flag{background:#fff;border-left:4px solid #e76f51;border-radius:6px;margin:12px 0;padding:8px 14px;box-shadow:0 1px 3px #0002}
.flag h3{font-size:16px;margin:6px 0}.badge{background:#e76f51;color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;vertical-align:middle}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:10px}
.source{border:1px solid #dee2e6;border-radius:6px;padding:8px 10px;background:#fcfcfd}
.source .value{float:right;font-size:22px;font-weight:700;color:#1b4332}
blockquote{margin:6px 0;padding:6px 10px;background:#f1f3f5;border-radius:4px;font-size:14px}
mark{background:#ffe066;padding:0 2px}.links{font-size:13px}.empty{color:#6c757d}
.verdict{border-radius:8px;padding:0 6px;color:#fff;background:#6c757d}.verdict-verified{background:#2a9d8f}
.verdict-wrong{background:#d62828}.verdict-corrected{background:#1d6fb8}.key{color:#6c757d}.more{color:#495057}
#filter{padding:6px 10px;width:320px;border:1px solid #ced4da;border-radius:6px}
"""

SCRIPT = """
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('.flag').forEach(function (el) {
    el.style.display = el.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
"""


def render_html(report: AuditReport, *, datasette_url: str | None = "http://127.0.0.1:8001") -> str:
    """The whole report as one HTML document (no external resources)."""
    db_name = Path(report.db).stem
    counts = report.counts()
    cards = "".join(
        f'<div class="card{" hot" if v else ""}" data-kind="{k}"><b>{v}</b>{escape(k)}</div>' for k, v in counts.items()
    )
    charts = "".join(certified_chart(p, levels) for p, levels in sorted(report.certified.items()))
    parts = [
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">",
        f"<title>Kiểm tra số liệu OCOP — {escape(db_name)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>Kiểm tra số liệu OCOP / OCOP figures audit</h1><p>{escape(report.db)}"
        f"{escape(_filters_text(report))} · {escape(report.generated_at)}</p></header><main>",
        f'<div class="cards">{cards}</div>',
        "<h2>Sản phẩm OCOP được công nhận theo tỉnh <small>certified products per province, by year and star level"
        "</small></h2>",
        f'<div class="charts">{charts or "<p class=empty>Không có số liệu / no figures.</p>"}</div>',
        "<h2>Mục tiêu và kết quả <small>targets (dashed) against the latest achieved count</small></h2>",
        targets_chart(report.targets),
        '<p><input id="filter" type="search" placeholder="Lọc / filter flags…"></p>',
    ]
    for kind, flags, total in _sections(report):
        vi, en = SECTION_TITLES[kind]
        parts.append(f'<section class="section-{kind}"><h2>{escape(vi)} <small>{escape(en)} ({total})</small></h2>')
        if not total:
            parts.append('<p class="empty">Không có / none.</p>')
        parts += [_flag_card(f, datasette_url=datasette_url, db_name=db_name)
                  for f in itertools.islice(flags, DETAIL_LIMIT)]
        if total > DETAIL_LIMIT:
            parts.append(_more(total - DETAIL_LIMIT, datasette_url, db_name))
        parts.append("</section>")
    parts.append(f"</main><script>{SCRIPT}</script></body></html>")
    return "".join(parts)


def _more(hidden: int, datasette_url: str | None, db_name: str) -> str:
    where = (f'<a href="{escape(datasette_url)}/{escape(db_name)}/figures_sourced">Datasette</a>, '
             if datasette_url else "")
    return (f'<p class="more">… {hidden} more not shown here / {hidden} more: see {where}'
            "<code>harvester review list --flagged</code> or <code>harvester audit --format json</code>.</p>")


RENDERERS = {"table": render_text, "json": render_json, "html": render_html}


def write_report(report: AuditReport, fmt: str, out: IO[str], *, datasette_url: str | None = None) -> None:
    """Write the report in ``fmt`` (table, json, html) to ``out``, streaming what can be streamed."""
    if fmt == "json":
        write_json(report, out)
    elif fmt == "table":
        write_text(report, out)
    else:
        out.write(render_html(report, datasette_url=datasette_url))
