"""The root of the project's exception hierarchy and the configuration error."""


class OfstedWatchError(Exception):
    """Base class: every error the product raises on purpose derives from this."""


class ConfigError(OfstedWatchError):
    """Bad or unknown configuration; the CLI turns it into exit status 2."""
