"""Small rendering helpers shared by the family templates (escaping, Vietnamese dates, feeds)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from harvester.fixture_portals.server import Post, Site

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
MONTHS_VI = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")
_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def e(s: str) -> str:
    return escape(s, quote=True)


def slugify(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:80]


def weekday(dt: datetime) -> str:
    return WEEKDAYS[dt.weekday()]


def dmy(dt: datetime) -> str:
    return dt.strftime("%d/%m/%Y")


def dmy_hm(dt: datetime) -> str:
    return dt.strftime("%d/%m/%Y %H:%M")


def vi_long_date(dt: datetime) -> str:
    """WordPress vi locale display date: '16 Tháng Một, 2022'."""
    return f"{dt.day} Tháng {MONTHS_VI[dt.month - 1]}, {dt.year}"


def rfc822_utc(dt: datetime, *, gmt_word: bool = False) -> str:
    return format_datetime(dt.astimezone(UTC), usegmt=gmt_word)


def nukeviet_rss_date(dt: datetime) -> str:
    """NukeViet's gmdate('D, j M Y H:m:s') . ' GMT': the minute field holds the month (bug kept)."""
    u = dt.astimezone(UTC)
    return f"{_EN_DAYS[u.weekday()]}, {u.day} {_EN_MONTHS[u.month - 1]} {u.year} {u.hour:02d}:{u.month:02d}:{u.second:02d} GMT"


def paragraphs_html(post: Post, *, image: str | None = None) -> str:
    art = post.article
    parts = []
    for i, p in enumerate(art.paragraphs):
        parts.append(f"<p>{e(p)}</p>")
        if i == 0 and image:
            cap = f"<figcaption>{e(art.caption)}</figcaption>" if art.caption else ""
            parts.append(f'<figure class="image"><img src="{e(image)}" alt="{e(art.title)}">{cap}</figure>')
    return "\n".join(parts)


def page_slice(items: list, page: int, per_page: int) -> tuple[list, int]:
    """Items on page `page` (1-based) and the number of pages (at least 1)."""
    pages = max(1, -(-len(items) // per_page))
    start = (page - 1) * per_page
    return items[start : start + per_page], pages


def rss(site: Site, title: str, link: str, items: list[tuple[str, str, str, str, str]], *, generator: str) -> str:
    """items: (title, link, guid, description, pubDate)."""
    body = []
    for t, lk, guid, desc, pub in items:
        body.append(
            f"<item><title>{e(t)}</title><link>{e(lk)}</link><guid isPermaLink=\"false\">{e(guid)}</guid>"
            f"<description><![CDATA[{desc}]]></description><pubDate>{pub}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{e(title)}</title><link>{e(link)}</link><description>{e(site.name)}</description>"
        f"<language>vi</language><generator>{e(generator)}</generator>" + "".join(body) + "</channel></rss>"
    )


def urlset(entries: list[tuple[str, str | None]]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in entries:
        lm = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        out.append(f"<url><loc>{e(loc)}</loc>{lm}</url>")
    out.append("</urlset>")
    return "\n".join(out)


def sitemapindex(locs: list[str]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    out += [f"<sitemap><loc>{e(loc)}</loc></sitemap>" for loc in locs]
    out.append("</sitemapindex>")
    return "\n".join(out)


def qint(query: dict[str, list[str]], name: str, default: int) -> int:
    try:
        return int(query.get(name, [str(default)])[0])
    except ValueError:
        return default


def qstr(query: dict[str, list[str]], name: str, default: str = "") -> str:
    return query.get(name, [default])[0]


def tiny_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF with an ASCII line (placeholder until documents add real files)."""
    safe = re.sub(r"[^A-Za-z0-9 /.,:-]", "", text)[:100]
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def tiny_jpeg() -> bytes:
    """A few bytes that start like a JPEG (image routes only need to answer)."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
