"""The database schema: typed SQLAlchemy 2 models with named constraints.

Unique constraints encode the de-duplication rules (one article per URL, one
Ofsted report per council and file, one delivery per subscriber and event), so
a repeated crawl or a restart cannot create a second row or a second email.
Timestamps are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC, returns aware datetimes, even on SQLite which keeps no zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class LocalAuthorityRow(Base):
    """The 153 councils, loaded from the gazetteer by `init`."""

    __tablename__ = "local_authorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    gss_code: Mapped[str] = mapped_column(String(9), unique=True)
    old_gss_codes: Mapped[list[Any]] = mapped_column(default=list)
    name: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(100))
    ofsted_urn: Mapped[str] = mapped_column(String(12), unique=True)
    ons_region: Mapped[str] = mapped_column(String(40))
    ofsted_region: Mapped[str] = mapped_column(String(60))


class SourceRow(Base):
    """A configured source and its health; kept in step with the settings on every run."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(60))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_run_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    items_last_run: Mapped[int | None] = mapped_column(Integer)
    last_run_seconds: Mapped[float | None] = mapped_column(Float)
    # Runs in a row that yielded nothing: an empty listing, or entries that all failed.
    consecutive_empty: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_productive_at: Mapped[datetime | None]  # the last run that yielded items
    health: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    health_alerted_at: Mapped[datetime | None]  # set while the admin knows of a problem
    # Who is crawling this source now (host:pid:token), claimed by a conditional UPDATE so
    # two processes never crawl it at once; crawl_token tells one claim from the next.
    crawl_claimant: Mapped[str | None] = mapped_column(String(200))
    crawl_claimed_at: Mapped[datetime | None]
    crawl_token: Mapped[str | None] = mapped_column(String(32))
    # Set by the claimant before it asks its crawl to stop: what the run reports while
    # winding down is recorded as `stopped`, not as a failure of the source.
    crawl_stopping: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), nullable=False
    )

    runs: Mapped[list[SourceRunRow]] = relationship(back_populates="source")


class SourceRunRow(Base):
    """One crawl of one source: failure is data, not just a log line."""

    __tablename__ = "source_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(
        String(16), default="running"
    )  # ok|not_modified|error|stopped
    items_found: Mapped[int] = mapped_column(Integer, default=0)
    items_new: Mapped[int] = mapped_column(Integer, default=0)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    bytes_received: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    error_text: Mapped[str | None] = mapped_column(Text)
    duration_seconds: Mapped[float | None] = mapped_column(Float)

    source: Mapped[SourceRow] = relationship(back_populates="runs")

    __table_args__ = (Index("ix_source_runs_source_started", "source_id", "started_at"),)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    canonical_url: Mapped[str | None] = mapped_column(String(2048), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    source_id: Mapped[str | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    fetched_at: Mapped[datetime]

    classification: Mapped[ClassificationRow | None] = relationship(
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )


class ClassificationRow(Base):
    """The classifier's verdict on one article (re-classifying replaces it)."""

    __tablename__ = "classifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    score: Mapped[float] = mapped_column(Float)
    local_authorities: Mapped[list[Any]] = mapped_column(default=list)  # GSS codes, main first
    primary_gss_code: Mapped[str | None] = mapped_column(String(9), index=True)
    inspection_type: Mapped[str | None] = mapped_column(String(32))
    judgement: Mapped[str | None] = mapped_column(String(32))
    previous_judgement: Mapped[str | None] = mapped_column(String(32))
    direction: Mapped[str | None] = mapped_column(String(16))
    grades: Mapped[dict[str, Any]] = mapped_column(default=dict)
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    classified_at: Mapped[datetime]

    article: Mapped[ArticleRow] = relationship(back_populates="classification")


class InspectionRow(Base):
    """One inspection outcome for one council, from Ofsted's site, the news, or an import."""

    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    local_authority_id: Mapped[int] = mapped_column(
        ForeignKey("local_authorities.id", ondelete="CASCADE"), index=True
    )
    inspection_type: Mapped[str | None] = mapped_column(String(32))
    judgement: Mapped[str | None] = mapped_column(String(32))
    grades: Mapped[dict[str, Any]] = mapped_column(default=dict)
    previous_judgement: Mapped[str | None] = mapped_column(String(32))
    direction: Mapped[str | None] = mapped_column(String(16))
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    inspection_start: Mapped[date | None] = mapped_column(Date)
    inspection_end: Mapped[date | None] = mapped_column(Date)
    lead_inspector: Mapped[str | None] = mapped_column(String(200))
    report_url: Mapped[str | None] = mapped_column(String(2048))
    ofsted_file_id: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[dict[str, Any]] = mapped_column(default=dict)
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    first_seen_via: Mapped[str] = mapped_column(String(8))  # ofsted | news | import
    alertable: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]

    local_authority: Mapped[LocalAuthorityRow] = relationship()
    articles: Mapped[list[ArticleRow]] = relationship(secondary="inspection_articles")

    __table_args__ = (
        UniqueConstraint("local_authority_id", "ofsted_file_id", name="uq_inspections_report"),
    )


class OfstedReportRow(Base):
    """Every report file seen on Ofsted's site and what became of it, so none is fetched twice.

    `stored`: read and recorded as (part of) an inspection; `broken`: unreadable, or failing
    too often, and not asked for again; `failing`: fetching failed, the next crawl retries.
    """

    __tablename__ = "ofsted_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    ofsted_urn: Mapped[str] = mapped_column(String(12))
    file_id: Mapped[str] = mapped_column(String(32))
    report_url: Mapped[str] = mapped_column(String(2048))
    link_text: Mapped[str] = mapped_column(Text)
    published_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # stored | broken | failing
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspections.id", ondelete="SET NULL"), index=True
    )
    first_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("ofsted_urn", "file_id", name="uq_ofsted_reports_file"),)


class InspectionArticleRow(Base):
    """News coverage of an inspection (an article may cover several councils' results)."""

    __tablename__ = "inspection_articles"

    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    linked_at: Mapped[datetime]


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    mode: Mapped[str] = mapped_column(String(16))  # immediate | daily | weekly
    regions: Mapped[list[Any]] = mapped_column(default=list)
    local_authorities: Mapped[list[Any]] = mapped_column(default=list)  # GSS codes
    inspection_types: Mapped[list[Any]] = mapped_column(default=list)
    judgements: Mapped[list[Any]] = mapped_column(default=list)
    include_news: Mapped[bool] = mapped_column(Boolean, default=True)
    unsubscribe_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_digest_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Immediate alerts cover outcomes first seen from here (unset: from created_at). Set
    # when a digest subscriber switches to alerts: where their last digest left off.
    alerts_from: Mapped[datetime | None]


class DeliveryRow(Base):
    """The outbox: recorded before sending, marked after; the key makes a repeat impossible."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # alert | digest | admin
    subscription_id: Mapped[int | None] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="SET NULL"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    message: Mapped[bytes] = mapped_column(LargeBinary)  # the exact bytes to send, every attempt
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)  # or why it was cancelled
    # "host:pid" of the process sending it now: a claim whose process has died is taken
    # over at once, so a restart resends without waiting for the claim to expire.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None]  # when claimed_by took it: a reused pid started later
    failure_reported_at: Mapped[datetime | None]  # the admin was told it failed for good
    items: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what a digest covered
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ServiceStateRow(Base):
    """Small facts the running service publishes for `status` (heartbeat, pid)."""

    __tablename__ = "service_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
