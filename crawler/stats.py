"""Names of the crawl statistics our components count; the run row is built from them."""

ERROR = "source/error"  # why the source itself failed (feed unreachable, malformed ...)
NOT_MODIFIED = "source/not_modified"
ITEMS_FOUND = "source/items_found"  # entries or reports listed by the source
ITEMS_NEW = "source/items_new"  # new rows stored
ITEM_ERRORS = "source/item_errors"  # single articles or reports that failed
LAST_ITEM_ERROR = "source/last_item_error"
