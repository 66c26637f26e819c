"""The storage layer: the only code that writes to the harvester's SQLite database.

Modules, one table family each:

- :mod:`~harvester.storage.core` — the transaction, row helpers, archive codecs;
- :mod:`~harvester.storage.pages` — fetched pages (archive, seen mark, faults, recheck);
- :mod:`~harvester.storage.articles` — articles, their figures, document mentions, cited documents;
- :mod:`~harvester.storage.documents` — crawled decisions, attachments, annex products;
- :mod:`~harvester.storage.runs` — crawl runs and portal health;
- :mod:`~harvester.storage.state` — what spiders read at start (seen URLs, validators);
- :mod:`~harvester.storage.figure_keys` — the research tables derived from figures (comparable keys, summaries);
- :mod:`~harvester.storage.verdicts` — analysts' verdicts on figures.

Every public writer commits in one transaction. The schema itself is in :mod:`harvester.schema`.
"""

from harvester.storage.articles import national_issuers, replace_extraction, save_article, upsert_document
from harvester.storage.core import (
    FAULT_KIND,
    compress,
    decompress,
    sha256_bytes,
    sha256_text,
    transaction,
)
from harvester.storage.documents import save_attachment, save_document
from harvester.storage.figure_keys import refresh as refresh_research
from harvester.storage.pages import (
    ArticleResult,
    page_url,
    recheck_after,
    save_fault,
    save_other,
    save_unchanged,
)
from harvester.storage.runs import portal_health, record_run
from harvester.storage.state import SeenUrls, is_fresh, seen_urls, validators
from harvester.storage.verdicts import Verdict, delete_verdict, save_verdicts

__all__ = [
    "FAULT_KIND",
    "ArticleResult",
    "SeenUrls",
    "Verdict",
    "compress",
    "decompress",
    "delete_verdict",
    "is_fresh",
    "national_issuers",
    "page_url",
    "portal_health",
    "recheck_after",
    "record_run",
    "refresh_research",
    "replace_extraction",
    "save_article",
    "save_attachment",
    "save_document",
    "save_fault",
    "save_other",
    "save_unchanged",
    "save_verdicts",
    "seen_urls",
    "sha256_bytes",
    "sha256_text",
    "transaction",
    "upsert_document",
    "validators",
]
