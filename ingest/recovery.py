"""`cadre-bot rebuild`: set a damaged vector store aside, whole, so one can be built afresh from the archive."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from chromadb.api.shared_system_client import SharedSystemClient

from ingest.store import STORE_FOLDER

log = logging.getLogger(__name__)


def move_store_aside(data_dir: Path) -> Path | None:
    """Rename the embedded store's folder (nothing inside is touched); None when there is none."""
    store = data_dir / STORE_FOLDER
    if not store.exists():
        return None
    # Chroma shares one client per folder within a process: a fresh store at the same path must not
    # reuse the one still reading the old files.
    SharedSystemClient.clear_system_cache()
    aside = data_dir / f"{STORE_FOLDER}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"
    store.rename(aside)
    log.warning("moved the knowledge base store %s aside to %s", store, aside)
    return aside
