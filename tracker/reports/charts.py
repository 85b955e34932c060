"""Server-rendered SVG charts (no script, no CDN): per-unit stacked bars by timeliness, the monthly on-time rate."""
from html import escape

from django.utils.safestring import SafeString, mark_safe

# The colours of the timeliness badges (static/css/app.css), so a chart reads like the list.
SEGMENTS = (
    ("due_on_time", "#1565c0"), ("due_late", "#6a1b9a"), ("due_overdue", "#c62828"), ("due_pending", "#ef6c00"),
    ("later_done", "#42a5f5"), ("later_open", "#2e7d32"), ("carried_overdue", "#8d1c1c"),
)
BAR_ROWS = 25


def unit_bars(report: dict, limit: int = BAR_ROWS) -> SafeString:
    """One horizontal bar per unit (the busiest `limit`), a segment per count, a legend under them."""
    return _bars(report, SEGMENTS, limit, "chart-units")


def _bars(report: dict, segments, limit: int, element_id: str) -> SafeString:
    units = [u for g in report["groups"] for u in g["units"]]
    units.sort(key=lambda u: -(u["counts"]["total"] - u["counts"]["no_deadline"]))
    units = units[:limit]
    labels = {c["key"]: c["label"] for c in report["columns"]}
    if not units:
        return mark_safe("")
    widest = max(u["counts"]["total"] - u["counts"]["no_deadline"] for u in units) or 1
    label_w, bar_w, row_h = 200, 560, 22
    height = row_h * len(units) + 20 + 22 * ((len(segments) + 2) // 3)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{element_id}" role="img" '
             f'viewBox="0 0 {label_w + bar_w + 50} {height}" aria-label="Nhiệm vụ theo đơn vị và tiến độ">']
    for i, unit in enumerate(units):
        y = i * row_h
        name = unit["short_name"] or unit["name"]
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
                     f'<title>{escape(unit["name"])}</title>{escape(name[:32])}</text>')
        x = label_w
        for key, colour in segments:
            n = unit["counts"][key]
            if not n:
                continue
            w = bar_w * n / widest
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}" '
                         f'data-key="{key}"><title>{escape(unit["name"])} – {escape(labels[key])}: {n}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 15}" font-size="11" fill="#555">'
                     f'{unit["counts"]["total"] - unit["counts"]["no_deadline"]}</text>')
    y0 = row_h * len(units) + 14
    for j, (key, colour) in enumerate(segments):
        x, y = 10 + (j % 3) * 250, y0 + (j // 3) * 22
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y + 11}" font-size="12">{escape(labels[key])}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_line(trend: list[dict]) -> SafeString:
    """The on-time rate per month of the period (months where nothing fell due are left as gaps)."""
    if not trend:
        return mark_safe("")
    w, h, left, top, bottom = 640, 200, 40, 10, 30
    step = (w - left - 20) / max(1, len(trend) - 1) if len(trend) > 1 else 0
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-trend" role="img" '
             f'viewBox="0 0 {w} {h}" aria-label="Tỷ lệ hoàn thành đúng hạn theo tháng">']
    for pct in (0, 50, 100):
        y = top + (h - top - bottom) * (1 - pct / 100)
        parts.append(f'<line x1="{left}" x2="{w - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{pct}%</text>')
    points = []
    for i, month in enumerate(trend):
        x = left + (step * i if len(trend) > 1 else (w - left) / 2)
        parts.append(f'<text x="{x:.1f}" y="{h - 10}" text-anchor="middle" font-size="11">'
                     f'{month["month"]}/{month["year"] % 100:02d}</text>')
        if month["rate"] is None:
            points.append(None)
            continue
        y = top + (h - top - bottom) * (1 - month["rate"] / 100)
        points.append((x, y))
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1565c0" data-rate="{month["rate"]}">'
                     f'<title>Tháng {month["month"]}/{month["year"]}: {month["on_time"]}/{month["due"]} '
                     f'đúng hạn ({month["rate"]}%)</title></circle>')
    run = []
    for point in [*points, None]:
        if point is None:
            if len(run) > 1:
                parts.append('<polyline fill="none" stroke="#1565c0" stroke-width="2" points="'
                             + " ".join(f"{x:.1f},{y:.1f}" for x, y in run) + '"/>')
            run = []
        else:
            run.append(point)
    parts.append("</svg>")
    return mark_safe("".join(parts))


TIMELINESS_COLOURS = {"trong_han": "#2e7d32", "sap_den_han": "#ef6c00", "qua_han": "#c62828",
                      "xong_dung_han": "#1565c0", "xong_qua_han": "#6a1b9a", "khong_thoi_han": "#607d8b"}


def timeliness_bars(units, labels: dict, limit: int = BAR_ROWS) -> SafeString:
    """The dashboard's bars: one per unit (the busiest `limit`), a segment per timeliness bucket today.

    `units` are the dashboard's (`selectors.dashboard`), each with its count per bucket as an attribute."""
    units = sorted(units, key=lambda unit: -unit.total)[:limit]
    segments = [(value, TIMELINESS_COLOURS[value]) for value in TIMELINESS_COLOURS]
    rows = []
    for unit in units:
        counts = {value: getattr(unit, value) for value in TIMELINESS_COLOURS}
        rows.append({"name": unit.name, "short_name": unit.short_name,
                     "counts": {**counts, "total": sum(counts.values()), "no_deadline": 0}})
    report = {"groups": [{"units": rows}], "columns": [{"key": value, "label": labels[value]} for value, _c in segments]}
    return _bars(report, segments, limit, "chart-dashboard-units")
