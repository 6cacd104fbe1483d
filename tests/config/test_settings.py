"""Configuration: built-in defaults, the TOML file, OFSTED_WATCH_* variables, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.errors import ConfigError
from config.settings import load_settings
from service.cli import main


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ofsted-watch.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_real_builtin_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    ids = {s.id for s in settings.sources}
    assert {"ofsted", "bbc-tees", "govuk-ofsted"} <= ids
    tees = settings.source("bbc-tees")
    assert tees is not None
    assert tees.url == "https://feeds.bbci.co.uk/news/england/tees/rss.xml"
    assert tees.region == "North East"
    assert settings.source("ofsted").url == "https://reports.ofsted.gov.uk"  # type: ignore[union-attr]
    assert settings.database_url == "sqlite:///var/ofsted-watch.db"


def test_file_values_and_a_disabled_builtin_source(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
database_url = "sqlite:///data/x.db"
[smtp]
host = "mail.example.org"
port = 465
ssl = true
starttls = false
[[sources]]
id = "bbc-tees"
enabled = false
[[sources]]
id = "my-paper"
kind = "feed"
url = "https://paper.example/rss"
region = "north west"
""",
    )
    settings = load_settings(path)
    assert settings.smtp.host == "mail.example.org" and settings.smtp.port == 465
    assert settings.source("bbc-tees").enabled is False  # type: ignore[union-attr]
    paper = settings.source("my-paper")
    assert paper is not None and paper.region == "North West"
    assert "bbc-tees" not in {s.id for s in settings.enabled_sources()}


def test_environment_overrides_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path, '[smtp]\nhost = "file.example"\nport = 25\n')
    monkeypatch.setenv("OFSTED_WATCH_SMTP__HOST", "env.example")
    monkeypatch.setenv("OFSTED_WATCH_DELIVERY__MAX_ATTEMPTS", "3")
    settings = load_settings(path)
    assert settings.smtp.host == "env.example"
    assert settings.smtp.port == 25
    assert settings.delivery.max_attempts == 3


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[smtp]\nhots = "x"\n', "smtp.hots"),
        ('[delivery]\nmax_attempts = "many"\n', "delivery.max_attempts"),
        ('colour = "blue"\n', "colour"),
        ('[digest]\nweekly_on = "someday"\n', "digest.weekly_on"),
        ('[[sources]]\nid = "x"\nkind = "feed"\nurl = "ftp://x"\n', "url"),
        (
            '[[sources]]\nid = "x"\nkind = "feed"\nurl = "https://x.example"\nregion = "Mars"\n',
            "region",
        ),
        ('timezone = "Europe/Atlantis"\n', "timezone"),
    ],
)
def test_bad_keys_and_values_are_refused_by_name(tmp_path: Path, toml: str, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, toml))
    assert named in str(caught.value)


def test_a_misspelt_environment_variable_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFSTED_WATCH_SMTP__HOTS", "mail.example.org")
    with pytest.raises(ConfigError, match="OFSTED_WATCH_SMTP__HOTS"):
        load_settings(None)


def test_bad_toml_syntax_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[smtp\nhost=")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(path)


@pytest.mark.parametrize("position", ["before", "after"])
def test_cli_exits_2_naming_the_bad_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], position: str
) -> None:
    path = write(tmp_path, '[smtp]\nport = "abc"\n')
    args = (
        ["--config", str(path), "sources"]
        if position == "before"
        else ["sources", "--config", str(path)]
    )
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "smtp.port" in err
    assert "Traceback" not in err


def test_cli_exits_2_for_a_missing_config_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "nope.toml"), "sources"]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("OFSTED_WATCH_DELIVERY__ADMIN_EMAIL", "Ops Team ops@example.org", "delivery.admin_email"),
        ("OFSTED_WATCH_DELIVERY__ADMIN_EMAIL", "ops@example.org, b@example.org", "admin_email"),
        ("OFSTED_WATCH_DELIVERY__ADMIN_EMAIL", "ops", "delivery.admin_email"),
        ("OFSTED_WATCH_SMTP__FROM_ADDR", "Alerts <alerts@>", "smtp.from_addr"),
        ("OFSTED_WATCH_DATABASE_URL", "foo://user:hunter2@bar/db", "database_url"),
        ("OFSTED_WATCH_DATABASE_URL", "mysql://user@db/x", "database_url"),
        ("OFSTED_WATCH_DATABASE_URL", "not a url", "database_url"),
        ("OFSTED_WATCH_SMTP", "{bad", "OFSTED_WATCH_SMTP"),
    ],
)
def test_the_cli_exits_2_naming_a_bad_address_database_or_variable(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    named: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    assert main(["sources"]) == 2
    err = capsys.readouterr().err
    assert named in err
    assert "hunter2" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "value", ["Ops Team <ops@example.org>", '"Ops, Team" <ops@example.org>', "ops@example.org"]
)
def test_an_admin_address_with_or_without_a_name_is_accepted(tmp_path: Path, value: str) -> None:
    settings = load_settings(write(tmp_path, f"[delivery]\nadmin_email = '{value}'\n"))
    assert settings.delivery.admin_address == "ops@example.org"


def test_ssl_alone_means_implicit_tls_and_starttls_is_the_default_otherwise(
    tmp_path: Path,
) -> None:
    implicit = load_settings(write(tmp_path, "[smtp]\nhost = 'mail.example.org'\nssl = true\n"))
    assert (implicit.smtp.ssl, implicit.smtp.use_starttls) == (True, False)
    plain = load_settings(write(tmp_path, "[smtp]\nhost = 'mail.example.org'\n"))
    assert (plain.smtp.ssl, plain.smtp.use_starttls) == (False, True)
    with pytest.raises(ConfigError, match="smtp"):
        load_settings(write(tmp_path, "[smtp]\nssl = true\nstarttls = true\n"))


def test_a_bad_source_is_named_by_its_id_not_its_place_in_the_merged_list(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        '[[sources]]\nid = "my-paper"\nkind = "feed"\nurl = "https://paper.example/rss"\n'
        'region = "Mars"\nenabeld = true\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "sources[my-paper].region" in message and "unknown region 'Mars'" in message
    assert "unknown key 'sources[my-paper].enabeld'" in message


def test_relative_paths_in_a_file_mean_beside_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An admin running `status` from their home folder must read the service's database."""
    home = tmp_path / "etc"
    home.mkdir()
    path = home / "ofsted-watch.toml"
    path.write_text(
        'database_url = "sqlite:///var/watch.db"\noutbox_dir = "var/outbox"\n', encoding="utf-8"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    settings = load_settings(path)
    assert settings.database_url == f"sqlite:///{home.resolve()}/var/watch.db"
    assert settings.outbox_dir == home.resolve() / "var" / "outbox"


def test_absolute_paths_memory_databases_and_defaults_are_left_alone(tmp_path: Path) -> None:
    path = write(tmp_path, 'database_url = "sqlite:////srv/watch.db"\n')
    assert load_settings(path).database_url == "sqlite:////srv/watch.db"
    path = write(tmp_path, 'database_url = "sqlite:///:memory:"\n')
    assert load_settings(path).database_url == "sqlite:///:memory:"
    path = write(tmp_path, "builtin_sources = false\n")
    assert load_settings(path).outbox_dir == Path("var/outbox")


@pytest.mark.parametrize(
    ("written", "meant"), [('"07:30"', (7, 30)), ('"7:30"', (7, 30)), ("07:30:00", (7, 30))]
)
def test_the_daily_digest_time_reads_as_a_clock_time(
    tmp_path: Path, written: str, meant: tuple[int, int]
) -> None:
    daily_at = load_settings(write(tmp_path, f"[digest]\ndaily_at = {written}\n")).digest.daily_at
    assert (daily_at.hour, daily_at.minute) == meant


def test_a_bare_number_for_the_digest_time_is_refused(tmp_path: Path) -> None:
    """Pydantic would take 7 as seven seconds past midnight: digests at 00:00:07."""
    with pytest.raises(ConfigError, match=r'digest.daily_at.*"HH:MM"'):
        load_settings(write(tmp_path, "[digest]\ndaily_at = 7\n"))


def test_two_sources_with_one_id_are_refused(tmp_path: Path) -> None:
    text = "\n".join(
        f'[[sources]]\nid = "paper"\nkind = "feed"\nurl = "https://{host}.example/rss"\n'
        for host in ("one", "two")
    )
    with pytest.raises(ConfigError, match=r"duplicate source id.*paper"):
        load_settings(write(tmp_path, text))


def test_a_config_file_that_is_not_text_exits_2_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe garbage")
    assert main(["--config", str(path), "sources"]) == 2
    err = capsys.readouterr().err
    assert "binary.toml" in err and "UTF-8" in err and "Traceback" not in err
