"""harvester.store: exact rows, foreign keys, dedupe, faults, seen/recheck and portal health."""

from __future__ import annotations

import json
import zlib

import pytest

from extractors import EXTRACTOR_VERSION
from extractors.pipeline import extract
from extractors.records import PublishedDate
from harvester import storage
from harvester.errors import RegistryError
from harvester.registry import Portal, sync_portals

TEXT = ("Ngày 3/2/2026, UBND tỉnh Bắc Kạn công bố Quyết định số 215/QĐ-UBND công nhận thêm 9 sản phẩm OCOP "
        "đạt 3 sao. Lũy kế toàn tỉnh có 142 sản phẩm OCOP, thực hiện Quyết định số 919/QĐ-TTg của Thủ tướng. "
        "Các chủ thể cho biết sẽ tiếp tục nâng hạng sản phẩm miến dong và cam sành trong năm tới.")
PORTAL = Portal(id="backan-test", name="Bắc Kạn test", family="sharepoint", start_urls=["https://bk.vn/"],
                province="Bắc Kạn", province_2025="Thái Nguyên", site_kind="portal")


def _save(db, kit, url="https://bk.vn/pages/ocop-1.aspx", text=TEXT, portal_id=PORTAL.id, **item_extra):
    extraction = kit.extraction_for(text)
    item = kit.page_item(url, b"<html>" + text.encode() + b"</html>", portal_id=portal_id, **item_extra)
    return storage.save_article(db, item, kit.main_for(extraction), extraction)


def test_save_article_rows_and_foreign_keys(fresh_db, kit):
    sync_portals(fresh_db, [PORTAL])
    result = _save(fresh_db, kit, url="https://BK.vn/pages/ocop-1.aspx?utm_source=zalo",
                   headers={"ETag": '"e1"', "Last-Modified": "Mon, 02 Mar 2026 00:00:00 GMT"})
    assert (result.status, result.figures, result.mentions, result.duplicate_of) == ("new", 2, 2, None)
    page = fresh_db["pages"].get(result.page_id)
    body = b"<html>" + TEXT.encode() + b"</html>"
    assert page["url"] == "https://bk.vn/pages/ocop-1.aspx"
    assert zlib.decompress(page["body"]) == body and page["body_size"] == len(body)
    assert page["sha256"] == storage.sha256_bytes(body)
    assert (page["etag"], page["last_modified"]) == ('"e1"', "Mon, 02 Mar 2026 00:00:00 GMT")
    assert page["kind"] == "article" and page["reason"] is None and page["text_chars"] == len(TEXT)
    assert page["fetched_at"] == page["first_fetched_at"] == page["changed_at"] == "2026-03-02T01:00:00+00:00"
    article = fresh_db["articles"].get(result.article_id)
    assert article["page_id"] == page["id"] and article["portal_id"] == PORTAL.id
    assert article["url"] == article["canonical_url"] == "https://bk.vn/pages/ocop-1.aspx"
    assert article["text"] == TEXT and article["text_sha256"] == storage.sha256_text(TEXT)
    assert article["extractor_version"] == EXTRACTOR_VERSION and article["duplicate_of"] is None
    figures = list(fresh_db.query("SELECT article_id, count, stars, quote, start, end, url FROM figures ORDER BY id"))
    assert figures == [
        {"article_id": article["id"], "count": 9, "stars": "3", "quote": "9 sản phẩm OCOP đạt 3 sao",
         "start": TEXT.index("9 sản"), "end": TEXT.index("9 sản") + 25, "url": article["url"]},
        {"article_id": article["id"], "count": 142, "stars": None, "quote": "142 sản phẩm OCOP",
         "start": TEXT.index("142"), "end": TEXT.index("142") + 17, "url": article["url"]},
    ]
    for fig in figures:
        assert TEXT[fig["start"]:fig["end"]] == fig["quote"]
    docs = {d["number"]: d for d in fresh_db.query("SELECT * FROM documents")}
    # the provincial decision belongs to the portal's province; the Prime Minister's to none
    assert (docs["215/QĐ-UBND"]["province"], docs["215/QĐ-UBND"]["province_2025"]) == ("Bắc Kạn", "Thái Nguyên")
    assert docs["919/QĐ-TTg"]["province"] is None and docs["919/QĐ-TTg"]["number_key"] == "919/QĐ-TTG"
    mentions = list(fresh_db.query("SELECT m.document_id, d.number FROM document_mentions m "
                                   "JOIN documents d ON d.id = m.document_id WHERE m.article_id = ?",
                                   [article["id"]]))
    assert sorted(m["number"] for m in mentions) == ["215/QĐ-UBND", "919/QĐ-TTg"]
    assert list(fresh_db.query("PRAGMA foreign_key_check")) == []


def test_unknown_portal_gets_a_stub_row(fresh_db, kit):
    result = storage.save_article(fresh_db, kit.page_item("https://x.vn/a", b"x", portal_id="nobody"), None,
                                kit.extraction_for(TEXT))
    assert result.status == "new" and fresh_db["portals"].get("nobody")["family"] == "generic"


def test_refetch_unchanged_updated_and_idempotent_extraction(fresh_db, kit):
    sync_portals(fresh_db, [PORTAL])
    first = _save(fresh_db, kit)
    again = _save(fresh_db, kit, fetched_at="2026-03-05T01:00:00+00:00")
    assert (again.status, again.article_id, again.page_id, again.figures) == ("unchanged", first.article_id,
                                                                              first.page_id, 2)
    assert fresh_db["figures"].count == 2 and fresh_db["document_mentions"].count == 2
    assert fresh_db["pages"].get(first.page_id)["changed_at"] == "2026-03-02T01:00:00+00:00"
    extraction = kit.extraction_for(TEXT)
    for _ in range(3):
        assert storage.replace_extraction(fresh_db, first.article_id, extraction) == (2, 2)
    assert fresh_db["figures"].count == 2 and fresh_db["documents"].count == 2
    edited = TEXT.replace("142 sản phẩm", "143 sản phẩm")
    updated = _save(fresh_db, kit, text=edited, fetched_at="2026-03-06T01:00:00+00:00")
    assert updated.status == "updated" and updated.article_id == first.article_id
    assert sorted(r["count"] for r in fresh_db["figures"].rows) == [9, 143]
    page = fresh_db["pages"].get(first.page_id)
    assert page["first_fetched_at"] == "2026-03-02T01:00:00+00:00"
    assert page["changed_at"] == page["fetched_at"] == "2026-03-06T01:00:00+00:00"


def test_redirect_variants_are_one_article(fresh_db, kit):
    base = "https://tn.gov.vn/tin/-/asset_publisher/AbC/content/ocop-che"
    one = _save(fresh_db, kit, url=base + "?redirect=%2Ftin%3F_cur%3D1")
    two = _save(fresh_db, kit, url=base + "?redirect=%2Ftin%3F_cur%3D2&inheritRedirect=false")
    assert one.article_id == two.article_id and two.status == "unchanged"
    assert fresh_db["articles"].count == 1 and fresh_db["pages"].count == 1
    assert fresh_db["figures"].count == 2


def test_syndicated_copy_is_linked_not_counted_twice(fresh_db, kit):
    sync_portals(fresh_db, [PORTAL])
    original = _save(fresh_db, kit)
    copy = _save(fresh_db, kit, url="https://baobackan.vn/ocop-bac-kan-post1.html", portal_id="newspaper")
    assert copy.status == "new" and copy.duplicate_of == original.article_id and copy.figures == 0
    assert fresh_db["articles"].get(copy.article_id)["duplicate_of"] == original.article_id
    assert fresh_db["pages"].count == 2  # both copies archived
    per_article = dict(fresh_db.execute("SELECT article_id, count(*) FROM figures GROUP BY article_id").fetchall())
    assert per_article == {original.article_id: 2}
    assert fresh_db["document_mentions"].count == 2
    # refetching the original never turns it into a copy of the later one
    assert _save(fresh_db, kit, fetched_at="2026-03-09T00:00:00+00:00").duplicate_of is None
    # a copy of a copy points at the first article
    third = _save(fresh_db, kit, url="https://other.vn/c.html")
    assert third.duplicate_of == original.article_id


def test_short_texts_are_never_duplicates(fresh_db, kit):
    a = _save(fresh_db, kit, url="https://x.vn/a", text="")
    b = _save(fresh_db, kit, url="https://x.vn/b", text="")
    assert (a.duplicate_of, b.duplicate_of) == (None, None)


def test_fault_then_success_and_success_then_fault(fresh_db, kit):
    url = "https://bk.vn/pages/ocop-1.aspx"
    fault = storage.save_fault(fresh_db, {"kind": "fault", "url": url, "portal_id": PORTAL.id, "status": 503,
                                        "reason": "HTTP 503 Retry-After 120", "fetched_at": kit.FETCHED})
    page = fresh_db["pages"].get(fault.page_id)
    assert (page["kind"], page["status"], page["reason"], page["body"]) == ("fault", 503, "HTTP 503 Retry-After 120", None)
    assert fresh_db["articles"].count == 0
    assert not storage.is_fresh(fresh_db, url, "2026-03-02T02:00:00Z")
    assert storage.seen_urls(fresh_db, PORTAL.id, "2026-03-02T02:00:00Z") == set()
    ok = _save(fresh_db, kit, fetched_at="2026-03-03T00:00:00+00:00")
    assert ok.page_id == fault.page_id
    page = fresh_db["pages"].get(ok.page_id)
    assert (page["kind"], page["status"], page["reason"]) == ("article", 200, None)
    assert page["first_fetched_at"] == kit.FETCHED
    # a later failure keeps the good copy and notes the error beside it
    storage.save_fault(fresh_db, {"url": url, "portal_id": PORTAL.id, "status": None, "reason": "timeout",
                                "fetched_at": "2026-03-04T00:00:00Z"})
    page = fresh_db["pages"].get(ok.page_id)
    assert (page["kind"], page["status"], page["last_error"]) == ("article", 200, "timeout")
    assert zlib.decompress(page["body"]).startswith(b"<html>")


def test_seen_and_recheck_rules(fresh_db, kit):
    sync_portals(fresh_db, [PORTAL])
    recent = PublishedDate("2026-02-28T08:00:00+07:00", "date-line")
    extraction = kit.extraction_for(TEXT)
    extraction.published = recent
    item = kit.page_item("https://bk.vn/new.aspx", b"<p>x</p>", portal_id=PORTAL.id)
    storage.save_article(fresh_db, item, None, extraction)
    old = kit.extraction_for(TEXT.replace("9 sản", "8 sản"))
    old.published = PublishedDate("2025-05-01", "date-line")
    storage.save_article(fresh_db, kit.page_item("https://bk.vn/old.aspx", b"<p>y</p>", portal_id=PORTAL.id), None, old)
    rows = {r["url"]: r["recheck_after"] for r in fresh_db["pages"].rows}
    # a recent article is rechecked after the default 7 days; an old one is settled
    assert rows == {"https://bk.vn/new.aspx": "2026-03-09T01:00:00+00:00", "https://bk.vn/old.aspx": None}
    assert storage.seen_urls(fresh_db, PORTAL.id, "2026-03-05T00:00:00Z") == {"https://bk.vn/new.aspx",
                                                                          "https://bk.vn/old.aspx"}
    assert "https://BK.vn/new.aspx#x" in storage.seen_urls(fresh_db, PORTAL.id, "2026-03-05T00:00:00Z")
    assert storage.seen_urls(fresh_db, PORTAL.id, "2026-03-10T00:00:00Z") == {"https://bk.vn/old.aspx"}
    assert storage.seen_urls(fresh_db, "another", "2026-03-05T00:00:00Z") == set()
    assert storage.is_fresh(fresh_db, "https://bk.vn/new.aspx", "2026-03-05T00:00:00Z")
    assert not storage.is_fresh(fresh_db, "https://bk.vn/new.aspx", "2026-03-10T00:00:00Z")
    assert not storage.is_fresh(fresh_db, "https://bk.vn/never.aspx", "2026-03-05T00:00:00Z")
    # a 304 moves the fetch time and the recheck mark only
    assert storage.save_unchanged(fresh_db, "https://bk.vn/new.aspx", "2026-03-10T00:00:00Z")
    page = fresh_db["pages"].get(1)
    assert (page["fetched_at"], page["recheck_after"]) == ("2026-03-10T00:00:00+00:00", "2026-03-17T00:00:00+00:00")
    assert page["changed_at"] == kit.FETCHED
    assert not storage.save_unchanged(fresh_db, "https://bk.vn/never.aspx", "2026-03-10T00:00:00Z")
    # per-portal recheck_days: 0 disables rechecks
    sync_portals(fresh_db, [Portal(**{**PORTAL.__dict__, "settings": {"recheck_days": 0}})])
    storage.save_unchanged(fresh_db, "https://bk.vn/new.aspx", "2026-03-11T00:00:00Z")
    assert fresh_db["pages"].get(1)["recheck_after"] is None
    assert storage.validators(fresh_db, "https://bk.vn/new.aspx") == (None, None)


def test_non_ocop_page_is_archived_and_seen(fresh_db, kit):
    item = kit.page_item("https://bk.vn/thoi-tiet.aspx", b"<p>Thoi tiet</p>", portal_id=PORTAL.id)
    result = storage.save_other(fresh_db, item)
    assert result.status == "dropped" and fresh_db["articles"].count == 0
    page = fresh_db["pages"].get(result.page_id)
    assert page["kind"] == "other" and page["recheck_after"] is None and page["body"] is not None
    assert storage.is_fresh(fresh_db, "https://bk.vn/thoi-tiet.aspx", "2030-01-01T00:00:00Z")


def test_record_run_reads_scrapy_style_stats(fresh_db):
    run_id = storage.record_run(fresh_db, "g1", "p", {
        "harvester/p/new": 3, "harvester/p/errors": 1, "listing_requests": 2, "listing_items": 10,
        "downloader/request_count": 17, "start_time": "2026-03-02T01:00:00Z", "finished_at": "2026-03-02T01:05:00Z"})
    row = fresh_db["crawl_runs"].get(run_id)
    assert (row["new"], row["errors"], row["requests"], row["status"], json.loads(row["flags"])) == (3, 1, 17, "ok", [])
    assert row["started_at"] == "2026-03-02T01:00:00+00:00"
    bad = fresh_db["crawl_runs"].get(storage.record_run(fresh_db, "g1", "q", {"errors": 4, "listing_requests": 1}))
    assert bad["status"] == "failed" and json.loads(bad["flags"]) == ["zero-items", "all-errors"]


def _health(db, portal, now):
    return storage.portal_health(db, [portal], now)[0]


def test_portal_health_flags(fresh_db, kit):
    sync_portals(fresh_db, [PORTAL])
    never = _health(fresh_db, PORTAL, "2026-03-02T00:00:00Z")
    assert never["flags"] == ["never-run"] and never["last_run_at"] is None
    _save(fresh_db, kit, fetched_at="2026-01-10T00:00:00Z")
    storage.record_run(fresh_db, "g", PORTAL.id, {"started_at": "2026-01-10T00:00:00Z",
                                                 "finished_at": "2026-01-10T00:10:00Z",
                                                 "new": 1, "listing_requests": 1, "listing_items": 5})
    healthy = _health(fresh_db, PORTAL, "2026-01-20T00:00:00Z")
    assert (healthy["flags"], healthy["days_silent"], healthy["last_new_at"]) == ([], 10, "2026-01-10T00:00:00+00:00")
    # 40 days without a new article: silent; the portal's own silence_days wins over the default
    assert _health(fresh_db, PORTAL, "2026-02-19T00:00:00Z")["flags"] == ["silent-40-days"]
    patient = Portal(**{**PORTAL.__dict__, "settings": {"silence_days": 120}})
    assert _health(fresh_db, patient, "2026-02-19T00:00:00Z")["flags"] == []
    # a run whose listings yielded nothing, and whose fetches all failed
    storage.record_run(fresh_db, "g2", PORTAL.id, {"started_at": "2026-02-01T00:00:00Z",
                                                  "finished_at": "2026-02-01T00:10:00Z",
                                                  "errors": 3, "listing_requests": 2, "listing_items": 0})
    assert _health(fresh_db, PORTAL, "2026-02-02T00:00:00Z")["flags"] == ["zero-items", "all-errors"]
    # pages fetched but almost no main text: the family's selectors no longer match
    for n in range(3):
        item = kit.page_item(f"https://bk.vn/p{n}.aspx", b"<div></div>", portal_id=PORTAL.id,
                             fetched_at="2026-02-10T00:05:00Z")
        storage.save_other(fresh_db, item, kit.main_for(kit.extraction_for("")))
    storage.record_run(fresh_db, "g3", PORTAL.id, {"started_at": "2026-02-10T00:00:00Z",
                                                  "finished_at": "2026-02-10T00:10:00Z",
                                                  "unchanged": 3, "listing_requests": 1, "listing_items": 3})
    assert _health(fresh_db, PORTAL, "2026-02-11T00:00:00Z")["flags"] == ["selectors-failed", "silent-32-days"]


def test_silence_default_is_read_from_harvester_silent_days(fresh_db, kit, monkeypatch):
    sync_portals(fresh_db, [PORTAL])
    _save(fresh_db, kit, fetched_at="2026-01-10T00:00:00Z")
    storage.record_run(fresh_db, "g", PORTAL.id, {"finished_at": "2026-01-10T00:10:00Z", "new": 1,
                                                 "listing_requests": 1, "listing_items": 5})
    forty_days_later = "2026-02-19T00:00:00Z"
    monkeypatch.setenv("HARVESTER_SILENT_DAYS", "45")
    health = _health(fresh_db, PORTAL, forty_days_later)
    assert (health["flags"], health["silence_days"]) == ([], 45)
    monkeypatch.setenv("HARVESTER_SILENT_DAYS", "14")
    assert _health(fresh_db, PORTAL, forty_days_later)["flags"] == ["silent-40-days"]
    patient = Portal(**{**PORTAL.__dict__, "settings": {"silence_days": 120}})  # the registry row wins
    assert _health(fresh_db, patient, forty_days_later)["silence_days"] == 120
    monkeypatch.setenv("HARVESTER_SILENT_DAYS", "soon")
    with pytest.raises(RegistryError, match="HARVESTER_SILENT_DAYS must be a whole number of days >= 1, not 'soon'"):
        _health(fresh_db, PORTAL, forty_days_later)


def test_local_decision_is_filed_under_the_province_the_article_reports_on(fresh_db, kit):
    national = Portal(id="national-news", name="Báo quốc gia", family="generic", start_urls=["https://bqg.vn/"],
                      site_kind="national_news")
    sync_portals(fresh_db, [PORTAL, national])
    _save(fresh_db, kit)  # the Bắc Kạn portal cites 215/QĐ-UBND

    text = TEXT.replace("Bắc Kạn", "Hà Giang")  # a national paper cites Hà Giang's own 215/QĐ-UBND
    extraction = kit.extraction_for(text)
    extraction.provinces = ["Hà Giang"]
    item = kit.page_item("https://bqg.vn/ha-giang-215.html", text.encode(), portal_id=national.id)
    storage.save_article(fresh_db, item, kit.main_for(extraction), extraction)

    rows = fresh_db.execute(
        "SELECT d.province, d.province_2025, count(m.id) FROM documents d JOIN document_mentions m ON m.document_id = d.id "
        "WHERE d.number = '215/QĐ-UBND' GROUP BY d.id ORDER BY d.province").fetchall()
    assert rows == [("Bắc Kạn", "Thái Nguyên", 1), ("Hà Giang", "Tuyên Quang", 1)]
    # the Prime Minister's decision is one national row, whoever cites it
    assert fresh_db.execute("SELECT province FROM documents WHERE number = '919/QĐ-TTg'").fetchall() == [(None,)]


def test_gone_links_back_off_and_passing_trouble_is_retried_next_night(fresh_db, kit):
    gone, busy = "https://bk.vn/pages/da-xoa.aspx", "https://bk.vn/pages/qua-tai.aspx"

    def fail(url, status, when):
        storage.save_fault(fresh_db, {"url": url, "portal_id": PORTAL.id, "status": status,
                                    "reason": f"http-{status}", "fetched_at": when})

    def skipped(when):
        return storage.seen_urls(fresh_db, PORTAL.id, when)

    fail(gone, 404, "2026-03-01T00:00:00Z")
    fail(busy, 503, "2026-03-01T00:00:00Z")
    assert skipped("2026-03-01T12:00:00Z") == {gone}          # the 503 is asked again tomorrow
    assert skipped("2026-03-02T00:00:01Z") == set()           # 1 day for a first 404
    fail(gone, 404, "2026-03-02T01:00:00Z")
    assert skipped("2026-03-03T12:00:00Z") == {gone}          # then 2 days
    assert skipped("2026-03-04T01:00:01Z") == set()
    for day in range(5, 12):                                  # … doubling up to 30 days
        fail(gone, 404, f"2026-04-{day:02d}T00:00:00Z")
    page = fresh_db.execute("SELECT fault_streak, recheck_after FROM pages WHERE url = ?", (gone,)).fetchone()
    assert page == (9, "2026-05-11T00:00:00+00:00")
    fail(gone, 500, "2026-05-12T00:00:00Z")                   # another kind of failure resets the streak
    assert fresh_db.execute("SELECT fault_streak FROM pages WHERE url = ?", (gone,)).fetchone() == (None,)


def test_figures_keep_the_extractors_place_level_and_comparable_date(fresh_db, kit):
    text = ("Tính đến ngày 31/1/2025, huyện Na Rì có 12 sản phẩm OCOP. Toàn tỉnh Bắc Kạn hiện có "
            "142 sản phẩm OCOP.")
    extraction = extract(text, date_line="05/02/2025")
    item = kit.page_item("https://bk.vn/pages/ocop-level.aspx", text.encode(), portal_id=PORTAL.id)
    storage.save_article(fresh_db, item, None, extraction)
    rows = {r["count"]: r for r in fresh_db.query("SELECT count, place, place_level, as_of FROM figures")}
    expected = {f.count: (f.place, f.place_level, f.as_of) for f in extraction.figures}
    assert {c: (r["place"], r["place_level"], r["as_of"]) for c, r in rows.items()} == expected
    assert rows[12]["place_level"] == "district" and rows[12]["as_of"] == "2025-01-31"
    assert rows[142]["place_level"] == "province"
