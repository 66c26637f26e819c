"""The storage layer: the only code that writes to the harvester's SQLite database.

Modules, one table family each:

- :mod:`~harvester.storage.core` — the transaction, row helpers, archive codecs;
- :mod:`~harvester.storage.pages` — fetched pages (archive, seen mark, faults, recheck);
- :mod:`~harvester.storage.articles` — articles, their figures and document mentions;
- :mod:`~harvester.storage.documents` — documents (cited or crawled) and where each is filed;
- :mod:`~harvester.storage.attachments` — files of decisions and their annex products;
- :mod:`~harvester.storage.portals` — the registry rows;
- :mod:`~harvester.storage.runs` — crawl runs and portal health;
- :mod:`~harvester.storage.state`, :mod:`~harvester.storage.document_state` — what spiders read at
  start (seen URLs, validators, stored documents and attachments);
- :mod:`~harvester.storage.figure_keys` — the research tables derived from figures (comparable keys, summaries);
- :mod:`~harvester.storage.verdicts` — analysts' verdicts on figures.

Every public writer commits in one transaction, and takes records that are already made
(reading files and running the extractors happen in :mod:`harvester.ingest`). The schema itself
is in :mod:`harvester.schema`.
"""

from harvester.storage.articles import replace_extraction, save_article
from harvester.storage.attachments import AttachmentRecord, save_attachment
from harvester.storage.core import (
    FAULT_KIND,
    compress,
    decompress,
    sha256_bytes,
    sha256_text,
    transaction,
    vacuum,
)
from harvester.storage.documents import (
    document_place,
    national_issuers,
    prune_documents,
    save_document,
    upsert_document,
)
from harvester.storage.figure_keys import refresh as refresh_research
from harvester.storage.pages import (
    ArticleResult,
    PruneReport,
    page_url,
    prune_other_bodies,
    recheck_after,
    save_fault,
    save_other,
    save_unchanged,
)
from harvester.storage.portals import sync_portals
from harvester.storage.runs import portal_health, record_run
from harvester.storage.state import SeenUrls, is_fresh, seen_urls, validators
from harvester.storage.verdicts import Verdict, delete_verdict, save_verdicts

__all__ = [
    "FAULT_KIND",
    "ArticleResult",
    "AttachmentRecord",
    "PruneReport",
    "SeenUrls",
    "Verdict",
    "compress",
    "decompress",
    "delete_verdict",
    "document_place",
    "is_fresh",
    "national_issuers",
    "page_url",
    "portal_health",
    "prune_documents",
    "prune_other_bodies",
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
    "sync_portals",
    "transaction",
    "upsert_document",
    "vacuum",
    "validators",
]
