"""The objects a command or the service needs, built once from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import DBAPIError

from alerts.checks import check_templates
from config.errors import OfstedWatchError
from config.gazetteer import Gazetteer, load_gazetteer
from config.settings import Settings
from storage import councils, migrate, sources
from storage.db import Database


@dataclass
class App:
    settings: Settings
    database: Database
    gazetteer: Gazetteer

    @classmethod
    def create(cls, settings: Settings) -> App:
        return cls(settings, Database(settings.database_url), load_gazetteer())

    def init_database(self) -> int:
        """Migrate to the newest schema and load councils and sources; returns councils added.

        Every command that may send email starts here, so this is also where the user's
        templates are checked: a broken one is a configuration error naming the file,
        not a failure of the first crawl that has something to say."""
        check_templates(self.settings)
        try:
            migrate.upgrade(self.database)
        except DBAPIError as exc:  # the first touch of the database: name it, one line
            where = self.database.engine.url.render_as_string(hide_password=True)
            reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else exc
            raise OfstedWatchError(f"cannot use the database {where}: {reason}") from exc
        with self.database.sessions.begin() as session:
            added = councils.sync_gazetteer(session, self.gazetteer)
            sources.sync_sources(session, self.settings.sources)
        return added

    def close(self) -> None:
        self.database.dispose()


def utcnow() -> datetime:
    """The one place the service reads the clock; everything below takes `now` as an argument."""
    return datetime.now(UTC)
