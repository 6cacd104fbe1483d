"""Names of the crawl statistics our components count; the run row is built from them."""

ERROR = "source/error"  # why the source itself failed (feed unreachable, malformed ...)
NOT_MODIFIED = "source/not_modified"
ITEMS_FOUND = "source/items_found"  # entries or reports listed by the source
ITEMS_NEW = "source/items_new"  # new rows stored
ITEM_ERRORS = "source/item_errors"  # single articles or reports that failed
LAST_ITEM_ERROR = "source/last_item_error"
# Listed items that cannot be fetched at all (no link, javascript:, a port out of range):
# reported with the run, but not retried, so they do not hold back the feed's validators.
ITEMS_SKIPPED = "source/items_skipped"
LAST_SKIPPED = "source/last_skipped"
WARNING = "source/warning"  # the listing was malformed but readable
