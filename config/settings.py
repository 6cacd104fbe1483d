"""One typed settings object: the TOML file of DESIGN.md §5 plus OFSTED_WATCH_* variables.

`load_settings()` is called once, by the command line; everything else receives
the resulting `Settings` as an argument. This is the only module that reads
`os.environ`.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time
from email.headerregistry import Address, HeaderRegistry
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from config.errors import ConfigError, describe_environment, describe_problem
from config.gazetteer import normalise_region
from config.sources import builtin_sources

ENV_PREFIX = "OFSTED_WATCH_"
DEFAULT_CONFIG_FILE = Path("ofsted-watch.toml")
DEFAULT_USER_AGENT = (
    "ofsted-watch/0.1 (monitors Ofsted children's services judgements; "
    "+https://github.com/ofsted-watch/ofsted-watch)"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The database back ends and drivers we install and test (storage/db.py maps psycopg2 and
# a bare postgresql:// to psycopg 3).
DATABASE_DRIVERS = {"sqlite": ("", "pysqlite"), "postgresql": ("", "psycopg", "psycopg2")}


def email_address(value: str) -> str:
    """The bare address of 'Name <local@domain>' or 'local@domain'; ValueError for anything
    else (two addresses, a missing domain, a second line). Checked at start so that a typo
    surfaces as a configuration error, not as a failure of whatever first sends mail."""
    text = value.strip()
    if not text.isprintable():
        raise ValueError("not one email address on one line")
    try:
        header = HeaderRegistry()("To", text)
        addresses: tuple[Address, ...] = getattr(header, "addresses", ())
    except (IndexError, ValueError) as exc:
        raise ValueError("not an email address") from exc
    if header.defects or len(addresses) != 1:
        raise ValueError("not one email address (use you@example.org or Name <you@example.org>)")
    address = addresses[0]
    if not address.username or not address.domain:
        raise ValueError("not an email address (use you@example.org or Name <you@example.org>)")
    return str(address.addr_spec)


class Section(BaseModel):
    """A TOML table: unknown keys are refused, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SmtpSettings(Section):
    host: str = ""
    port: int = Field(587, ge=1, le=65535)
    starttls: bool | None = None  # unset: STARTTLS unless ssl (implicit TLS) is chosen
    ssl: bool = False
    username: str = ""
    password: SecretStr = SecretStr("")
    from_addr: str = "Ofsted Watch <ofsted-watch@localhost>"
    timeout_seconds: float = Field(30.0, gt=0)
    # Certificates are always verified; a server with a private CA is trusted by naming
    # that CA's certificate file here, never by switching verification off.
    ca_file: Path | None = None

    @model_validator(mode="after")
    def _one_kind_of_tls(self) -> SmtpSettings:
        if self.ssl and self.starttls:
            raise ValueError("choose either ssl (implicit TLS) or starttls, not both")
        return self

    @property
    def use_starttls(self) -> bool:
        return self.starttls if self.starttls is not None else not self.ssl

    @property
    def sender(self) -> str:
        """The envelope sender: the bare address of from_addr."""
        return email_address(self.from_addr)

    @field_validator("from_addr")
    @classmethod
    def _one_sender(cls, value: str) -> str:
        email_address(value)
        return value.strip()

    @field_validator("ca_file")
    @classmethod
    def _readable_ca(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"CA certificate file not found: {value}")
        return value


class DeliverySettings(Section):
    retry_base_seconds: int = Field(60, ge=1)
    max_attempts: int = Field(10, ge=1)
    admin_email: str = ""
    batch_size: int = Field(100, ge=1)
    # An https address that unsubscribes in one click (RFC 8058), served by the operator's
    # own web endpoint, e.g. "https://alerts.example.org/unsubscribe?token={token}".
    # Empty: emails offer a mailto: unsubscribe to the admin (or sender) address instead.
    unsubscribe_url: str = ""

    @field_validator("admin_email")
    @classmethod
    def _one_admin(cls, value: str) -> str:
        if value.strip():
            email_address(value)
        return value.strip()

    @property
    def admin_address(self) -> str:
        """The bare address the admin's emails go to, or "" when there is no admin."""
        return email_address(self.admin_email) if self.admin_email else ""

    @field_validator("unsubscribe_url")
    @classmethod
    def _one_click_url(cls, value: str) -> str:
        if value and (not value.startswith("https://") or "{token}" not in value):
            raise ValueError("must be an https:// address containing {token}")
        return value


class DigestSettings(Section):
    daily_at: time = time(7, 0)
    weekly_on: Literal[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ] = "monday"
    send_when_empty: bool = False

    @field_validator("daily_at", mode="before")
    @classmethod
    def _clock_time(cls, value: Any) -> Any:
        """Only a clock time: pydantic would read 7 as seven seconds past midnight."""
        if isinstance(value, str) and re.fullmatch(r"\d:\d\d(:\d\d)?", value.strip()):
            return "0" + value.strip()  # "7:00" means 07:00
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or value == "":
            raise ValueError('a time of day is written "HH:MM", e.g. "07:00"')
        return value

    @field_validator("weekly_on", mode="before")
    @classmethod
    def _lower_day(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value


class CrawlSettings(Section):
    """Politeness and limits; the Scrapy settings are derived from these."""

    user_agent: str = DEFAULT_USER_AGENT
    obey_robots_txt: bool = True
    download_delay_seconds: float = Field(2.0, ge=0)
    autothrottle: bool = True
    concurrent_requests_per_domain: int = Field(2, ge=1)
    request_timeout_seconds: float = Field(30.0, gt=0)
    retry_times: int = Field(3, ge=0)
    max_response_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    max_article_age_days: int = Field(30, ge=1)
    crawl_timeout_seconds: int = Field(1800, ge=10)
    # Ofsted's reports site: one request at a time; its own delay (unset: download_delay_seconds)
    ofsted_download_delay_seconds: float | None = Field(None, ge=0)
    retry_backoff_seconds: float = Field(10.0, ge=0)  # first wait after a 403/429/5xx; doubles
    ofsted_max_reports_per_crawl: int = Field(500, ge=1)  # a first crawl's backlog spreads out
    ofsted_full_sweep_days: int = Field(7, ge=1)  # read every council page at least this often


class ServiceSettings(Section):
    outbox_interval_seconds: int = Field(60, ge=1)
    misfire_grace_seconds: int = Field(900, ge=1)
    failure_alert_threshold: int = Field(3, ge=1)
    # Runs in a row that yield nothing (an empty listing, or entries whose articles all
    # failed to extract) before a source that used to yield is reported as broken.
    empty_alert_threshold: int = Field(2, ge=1)
    stop_grace_seconds: int = Field(20, ge=1)  # a crawl asked to stop is killed after this


class SourceSettings(Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)
    kind: Literal["feed", "ofsted", "sitemap"]
    url: str
    region: str | None = None
    interval_minutes: int = Field(30, ge=1)
    enabled: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) address: {value!r}")
        return value

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        region = normalise_region(value)
        if region is None:
            raise ValueError(f"unknown region {value!r} (use an ONS or Ofsted region name)")
        return region


def merge_sources(data: Any) -> Any:
    """User entries override built-in sources with the same id, or add new ones."""
    if not isinstance(data, dict):
        return data
    user = data.get("sources") or []
    if not isinstance(user, list):
        return data
    use_builtin = data.get("builtin_sources", True)
    if isinstance(use_builtin, str):
        use_builtin = use_builtin.strip().lower() not in ("0", "false", "no", "off")
    merged: dict[str, Any] = {}
    if use_builtin:
        merged = {str(s["id"]): dict(s) for s in builtin_sources()}
    extra: list[Any] = []
    ids = [str(e["id"]) for e in user if isinstance(e, dict) and isinstance(e.get("id"), str)]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"duplicate source id(s) in [[sources]]: {', '.join(repeated)}")
    for entry in user:
        if isinstance(entry, dict) and entry.get("id") in merged:
            merged[entry["id"]] = {**merged[entry["id"]], **entry}
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            merged[entry["id"]] = dict(entry)
        else:
            extra.append(entry)
    return {**data, "sources": [*merged.values(), *extra]}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    database_url: str = "sqlite:///var/ofsted-watch.db"
    outbox_dir: Path = Path("var/outbox")
    templates_dir: Path | None = None
    timezone: str = "Europe/London"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    smtp: SmtpSettings = SmtpSettings()
    delivery: DeliverySettings = DeliverySettings()
    digest: DigestSettings = DigestSettings()
    crawl: CrawlSettings = CrawlSettings()
    service: ServiceSettings = ServiceSettings()
    builtin_sources: bool = True
    sources: list[SourceSettings] = Field(default_factory=list)

    reads_environment: ClassVar[bool] = True

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init arguments; the environment overrides them.
        return (env_settings, init_settings) if cls.reads_environment else (init_settings,)

    @model_validator(mode="before")
    @classmethod
    def _merge_builtin_sources(cls, data: Any) -> Any:
        return merge_sources(data)

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError("not a database URL (use sqlite:///PATH or postgresql://...)") from exc
        backend, _, driver = url.drivername.partition("+")
        if driver not in DATABASE_DRIVERS.get(backend, ()):
            raise ValueError(
                f"unsupported database {url.drivername!r}: use sqlite:///PATH or "
                "postgresql://USER@HOST/DATABASE"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def source(self, source_id: str) -> SourceSettings | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def enabled_sources(self) -> list[SourceSettings]:
        return [s for s in self.sources if s.enabled]

    def for_child_process(self) -> str:
        """JSON for a crawl child: everything but SMTP credentials, which it never needs."""
        return self.model_copy(update={"smtp": SmtpSettings()}).model_dump_json()

    @classmethod
    def from_child_json(cls, payload: str) -> Settings:
        """The parent's resolved settings, not looked up in the environment a second time."""
        return IsolatedSettings.model_validate_json(payload)

    @classmethod
    def isolated(cls, **values: Any) -> Settings:
        """Settings from these values and defaults only (the demo must not email real people)."""
        return IsolatedSettings(**values)


class IsolatedSettings(Settings):
    """Settings that never consult OFSTED_WATCH_* variables."""

    reads_environment: ClassVar[bool] = False


def _source_ids(data: dict[str, Any]) -> list[str]:
    """The ids of the merged source list, in the order the validation errors number them."""
    try:
        merged = merge_sources(dict(data))
    except ValueError:  # duplicate ids: the message names them already
        return []
    entries = merged.get("sources") if isinstance(merged, dict) else None
    if not isinstance(entries, list):
        return []
    return [str(e.get("id")) if isinstance(e, dict) else "?" for e in entries]


def _unknown_env_names(environ: dict[str, str]) -> list[str]:
    """OFSTED_WATCH_* variables that name no setting, e.g. OFSTED_WATCH_SMTP__HOTS."""
    unknown = []
    for name in environ:
        if not name.upper().startswith(ENV_PREFIX):
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        model: type[BaseModel] | None = Settings
        for part in parts:
            field = model.model_fields.get(part) if model is not None else None
            if field is None:
                unknown.append(name)
                break
            annotation = field.annotation
            is_section = isinstance(annotation, type) and issubclass(annotation, BaseModel)
            model = annotation if is_section else None  # type: ignore[assignment]
    return unknown


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"configuration file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not UTF-8 text: {exc.reason}") from exc
    except OSError as exc:
        raise ConfigError(f"configuration file {path} cannot be read: {exc.strerror}") from exc


def anchor_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Relative paths written in a config file mean "beside this file", wherever the
    command runs: otherwise `status` run from another folder opens (and creates) an empty
    database. Defaults and environment values still follow the working directory."""

    def anchored(value: Any) -> Any:
        if isinstance(value, str) and value and not Path(value).expanduser().is_absolute():
            return str(base.resolve() / value)
        return value

    data = dict(data)
    url = data.get("database_url")
    if isinstance(url, str) and url.startswith("sqlite:///"):
        location = url[len("sqlite:///") :]
        target, _, query = location.partition("?")
        if target and target != ":memory:" and not target.startswith("/"):
            data["database_url"] = "sqlite:///" + anchored(target) + (f"?{query}" if query else "")
    for key in ("outbox_dir", "templates_dir"):
        if key in data:
            data[key] = anchored(data[key])
    smtp = data.get("smtp")
    if isinstance(smtp, dict) and "ca_file" in smtp:
        data["smtp"] = {**smtp, "ca_file": anchored(smtp["ca_file"])}
    return data


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings: built-in defaults < the TOML file < OFSTED_WATCH_* variables.

    With no path, ./ofsted-watch.toml is read if it exists. Raises ConfigError with
    a message that names each bad key.
    """
    if path is None and DEFAULT_CONFIG_FILE.is_file():
        path = DEFAULT_CONFIG_FILE
    data = anchor_paths(read_config_file(path), path.parent) if path is not None else {}
    data.update(overrides)
    unknown = _unknown_env_names(dict(os.environ))
    if unknown:
        raise ConfigError(
            "unknown environment variable(s) naming no setting: " + ", ".join(sorted(unknown))
        )
    try:
        return Settings(**data)
    except SettingsError as exc:
        raise ConfigError(describe_environment(str(exc), ENV_PREFIX)) from exc
    except ValidationError as exc:
        where = f" in {path}" if path else ""
        ids = [] if f"{ENV_PREFIX}SOURCES" in os.environ else _source_ids(data)
        problems = "; ".join(describe_problem(dict(e), ids) for e in exc.errors())
        raise ConfigError(f"bad configuration{where}: {problems}") from exc
