"""Log routing of a crawl: the CLI's level applies to Scrapy; expected faults stay out of cron mail."""

from __future__ import annotations

import logging

import pytest

from harvester import runner

RETRY = "scrapy.downloadermiddlewares.retry"


@pytest.fixture
def restore_levels():
    names = ("scrapy", RETRY, "trafilatura")
    saved = {n: (logging.getLogger(n).level, list(logging.getLogger(n).filters)) for n in names}
    yield
    for name, (level, filters) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.filters[:] = filters


def test_default_level_drops_expected_fault_lines_but_keeps_real_errors(caplog, restore_levels):
    runner.quiet_expected_faults(logging.WARNING)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger(RETRY).error("Gave up retrying %s (failed %d times): %s", "<GET x>", 3, "500")
        logging.getLogger(RETRY).error("Error downloading %s", "<GET y>")
        logging.getLogger("trafilatura.core").error("empty HTML tree: %s", None)
        logging.getLogger("scrapy.core.engine").info("Spider opened")
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["Error downloading <GET y>"]
    assert runner.EXPECTED_FAULTS.dropped >= 1


def test_verbose_level_shows_them_again(caplog, restore_levels):
    runner.quiet_expected_faults(logging.WARNING)
    runner.quiet_expected_faults(logging.INFO)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger(RETRY).error("Gave up retrying %s", "<GET x>")
        logging.getLogger("trafilatura.core").error("empty HTML tree: %s", None)
        logging.getLogger("scrapy.core.engine").info("Spider opened")
        logging.getLogger("scrapy.core.engine").debug("Crawled (200)")
    assert [r.getMessage() for r in caplog.records] == ["Gave up retrying <GET x>", "empty HTML tree: None",
                                                         "Spider opened"]
