"""harvester prune: non-OCOP pages lose their archived body after a while, never their seen mark."""

from __future__ import annotations

from click.testing import CliRunner

from harvester import storage
from harvester.cli import cli
from harvester.reextract import reextract

OLD, RECENT, CUTOFF = "2026-01-05T01:00:00+00:00", "2026-03-01T01:00:00+00:00", "2026-02-01T00:00:00+00:00"
ARTICLE = "UBND tỉnh công nhận thêm 9 sản phẩm OCOP đạt 3 sao, nâng tổng số lên 142 sản phẩm OCOP."


def _other(db, kit, url, fetched_at, body=b"<html><p>Thoi tiet: nang nong keo dai.</p></html>"):
    return storage.save_other(db, kit.page_item(url, body, fetched_at=fetched_at)).page_id


def _article(db, kit, url, fetched_at):
    extraction = kit.extraction_for(ARTICLE)
    item = kit.page_item(url, kit.article_html("Tin OCOP", [ARTICLE]), fetched_at=fetched_at)
    return storage.save_article(db, item, kit.main_for(extraction), extraction).page_id


def _pages(db):
    return {r["url"]: r for r in db["pages"].rows}


def test_only_old_non_ocop_bodies_go_and_the_rows_stay_seen(fresh_db, kit):
    old_other = _other(fresh_db, kit, "https://x.vn/thoi-tiet-cu.html", OLD, b"<p>" + b"mua lu " * 5000 + b"</p>")
    _other(fresh_db, kit, "https://x.vn/thoi-tiet-moi.html", RECENT)
    _article(fresh_db, kit, "https://x.vn/ocop-cu.html", OLD)
    before = _pages(fresh_db)

    dry = storage.prune_other_bodies(fresh_db, CUTOFF, dry_run=True)
    assert (dry.pages, dry.raw_bytes) == (1, before["https://x.vn/thoi-tiet-cu.html"]["body_size"])
    assert dry.archived_bytes == len(before["https://x.vn/thoi-tiet-cu.html"]["body"]) > 0
    assert _pages(fresh_db) == before  # a dry run writes nothing

    report = storage.prune_other_bodies(fresh_db, CUTOFF, batch=1)  # one id a transaction
    assert report == dry
    after = _pages(fresh_db)
    pruned = after["https://x.vn/thoi-tiet-cu.html"]
    assert pruned["body"] is None and pruned["id"] == old_other
    assert {k: v for k, v in pruned.items() if k != "body"} == {
        k: v for k, v in before["https://x.vn/thoi-tiet-cu.html"].items() if k != "body"}
    assert after["https://x.vn/thoi-tiet-moi.html"] == before["https://x.vn/thoi-tiet-moi.html"]
    assert after["https://x.vn/ocop-cu.html"] == before["https://x.vn/ocop-cu.html"]  # articles keep theirs
    # still the crawl's seen mark: the next night does not fetch it again
    assert storage.is_fresh(fresh_db, "https://x.vn/thoi-tiet-cu.html", "2026-06-01T00:00:00Z")
    assert "https://x.vn/thoi-tiet-cu.html" in storage.seen_urls(fresh_db, "demo-portal", "2026-06-01T00:00:00Z")
    assert storage.prune_other_bodies(fresh_db, CUTOFF).pages == 0  # nothing left to prune


def test_reextract_skips_pruned_pages_and_keeps_the_articles(fresh_db, kit):
    _other(fresh_db, kit, "https://x.vn/thoi-tiet-cu.html", OLD)
    _article(fresh_db, kit, "https://x.vn/ocop-cu.html", OLD)
    figures = fresh_db["figures"].count
    storage.prune_other_bodies(fresh_db, CUTOFF)
    report = reextract(fresh_db, extractor=kit.count_extractor)
    assert report.pages == 1 and fresh_db["figures"].count == figures == 2


def test_prune_command(fresh_db, kit):
    _other(fresh_db, kit, "https://x.vn/thoi-tiet-cu.html", OLD)
    _other(fresh_db, kit, "https://x.vn/le-hoi.html", OLD)
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    runner = CliRunner()
    result = runner.invoke(cli, ["prune", "--db", db_path, "--other-older-than", "30", "--dry-run"])
    assert result.exit_code == 0 and result.output.startswith("would empty the archived body of 2 non-OCOP pages")
    assert all(r["body"] is not None for r in fresh_db["pages"].rows)
    result = runner.invoke(cli, ["prune", "--db", db_path, "--other-older-than", "30", "--vacuum"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("emptied the archived body of 2 non-OCOP pages")
    assert "VACUUM" in result.output
    assert all(r["body"] is None for r in fresh_db["pages"].rows)


def test_prune_command_refuses_a_bad_age(fresh_db):
    db_path = fresh_db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(cli, ["prune", "--db", db_path, "--other-older-than", "0"])
    assert result.exit_code == 2 and "--other-older-than" in result.output
    result = CliRunner().invoke(cli, ["prune", "--db", db_path])
    assert result.exit_code == 2 and "Missing option" in result.output
