"""Typed settings, the source list and the gazetteer: read by every other room."""

from config.errors import ConfigError
from config.gazetteer import Gazetteer, LocalAuthority, load_gazetteer
from config.settings import Settings, SourceSettings, load_settings

__all__ = [
    "ConfigError",
    "Gazetteer",
    "LocalAuthority",
    "Settings",
    "SourceSettings",
    "load_gazetteer",
    "load_settings",
]
