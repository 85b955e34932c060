"""Tracker models, one module per area; import from here."""
from .units import TIER_KINDS, Tier, Unit, UnitAlias, tier_of  # noqa: F401
from .users import User  # noqa: F401
from .tasks import (  # noqa: F401
    ExtensionRequest,
    ProgressReport,
    Task,
    TaskAssignment,
    Timeliness,
)
from .reminders import (  # noqa: F401
    OutboxMessage,
    ReminderItem,
    ReminderPolicy,
    ReminderSweep,
    UnitReminderPolicy,
)
from .integration import ApiToken, CalendarFeed, Webhook, WebhookDelivery  # noqa: F401
from .tallies import ClosedTally, OpenTally  # noqa: F401
from .stamps import Stamp  # noqa: F401
from .sessions import Session  # noqa: F401
