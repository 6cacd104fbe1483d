"""Every command of DESIGN.md §3, one module per area."""

from service.commands.data import (
    articles_command,
    classify_command,
    judgements_command,
    sources_command,
)
from service.commands.demo import demo_command
from service.commands.digest import digest_command
from service.commands.imports import import_outcomes_command
from service.commands.outbox import outbox_command
from service.commands.running import (
    crawl_command,
    init_command,
    run_command,
)
from service.commands.status import status_command
from service.commands.subscribers import (
    subscribe_command,
    subscribers_command,
    unsubscribe_command,
)

COMMANDS = [
    init_command,
    run_command,
    crawl_command,
    classify_command,
    articles_command,
    judgements_command,
    subscribe_command,
    unsubscribe_command,
    subscribers_command,
    digest_command,
    sources_command,
    status_command,
    outbox_command,
    import_outcomes_command,
    demo_command,
]
