"""Numbered, append-only schema migrations of the local store.

Rules: never edit a migration that has shipped; add a new numbered function at
the end. Each runs in one transaction with its record in ``_sqlite_migrations``
(sqlite-utils' ``Migrations``). The DDL is written out literally here, not derived
from the models, so that an old migration keeps meaning what it meant.
Threading: run by ``Store.open`` on the opening thread before anything else.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from .db import Db, Sql

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "fieldapp"
#: Where sqlite-utils records applied migrations (``Migrations.migrations_table``).
MIGRATIONS_TABLE = "_sqlite_migrations"
_Step = Callable[["Database"], None]
_STEPS: list[tuple[str, _Step]] = []


def _migration(name: str) -> Callable[[_Step], _Step]:
    def register(fn: _Step) -> _Step:
        _STEPS.append((name, fn))
        return fn

    return register


# Sync metadata carried by every synced table (see docs/api.md, "Rows and sync").
_META = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0"""

_TABLES_0001: dict[str, str] = {
    "counties": """
        name TEXT NOT NULL,
        province TEXT,
        prefecture TEXT,
        koc_target INTEGER NOT NULL DEFAULT 50""",
    "teams": """
        name TEXT NOT NULL,
        notes TEXT""",
    "users": """
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'rep',
        team_id TEXT,
        mobile TEXT""",
    "products": """
        code TEXT,
        name TEXT NOT NULL,
        category TEXT,
        unit TEXT,
        price REAL""",
    "shops": """
        code TEXT,
        name TEXT NOT NULL,
        channel TEXT NOT NULL,
        tier TEXT NOT NULL DEFAULT 'C',
        address TEXT,
        county_id TEXT NOT NULL,
        phone TEXT,
        latitude REAL,
        longitude REAL,
        cloud_store TEXT NOT NULL DEFAULT 'none',
        notes TEXT,
        rep_id TEXT,
        search_pinyin TEXT NOT NULL DEFAULT '',
        search_initials TEXT NOT NULL DEFAULT ''""",
    "owners": """
        shop_id TEXT NOT NULL,
        name TEXT NOT NULL,
        mobile TEXT,
        wechat TEXT,
        birthday TEXT,
        level INTEGER NOT NULL DEFAULT 1,
        cares_about TEXT,
        notes TEXT,
        search_pinyin TEXT NOT NULL DEFAULT '',
        search_initials TEXT NOT NULL DEFAULT ''""",
    "interactions": """
        owner_id TEXT NOT NULL,
        rep_id TEXT,
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        note TEXT,
        level_after INTEGER""",
    "visits": """
        shop_id TEXT NOT NULL,
        rep_id TEXT,
        planned_date TEXT,
        checkin_at TEXT,
        checkout_at TEXT,
        check_display TEXT,
        check_stock TEXT,
        check_price TEXT,
        check_competitor TEXT,
        check_notes TEXT,
        relationship_note TEXT,
        relationship_level INTEGER,
        next_actions TEXT,
        review_status TEXT NOT NULL DEFAULT 'draft',
        supervisor_comment TEXT,
        reviewed_by TEXT,
        reviewed_at TEXT""",
    "order_lines": """
        visit_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        unit_price REAL""",
    "events": """
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        venue_shop_id TEXT,
        venue_note TEXT,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        capacity INTEGER,
        budget REAL,
        status TEXT NOT NULL DEFAULT 'planned',
        rep_id TEXT,
        notes TEXT""",
    "event_products": """
        event_id TEXT NOT NULL,
        product_id TEXT NOT NULL""",
    "kocs": """
        name TEXT NOT NULL,
        mobile TEXT,
        wechat TEXT,
        county_id TEXT NOT NULL,
        trait_acquaintances INTEGER NOT NULL DEFAULT 3,
        trait_trying INTEGER NOT NULL DEFAULT 3,
        trait_sharing INTEGER NOT NULL DEFAULT 3,
        trait_expertise INTEGER NOT NULL DEFAULT 3,
        stage TEXT NOT NULL DEFAULT 'spotted',
        consent INTEGER NOT NULL DEFAULT 0,
        consent_at TEXT,
        consent_method TEXT,
        rep_id TEXT,
        source_visit_id TEXT,
        source_event_id TEXT,
        notes TEXT,
        search_pinyin TEXT NOT NULL DEFAULT '',
        search_initials TEXT NOT NULL DEFAULT ''""",
    "koc_shops": """
        koc_id TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        introduced_by_owner_id TEXT,
        introduced_at TEXT,
        note TEXT""",
    "koc_stage_changes": """
        koc_id TEXT NOT NULL,
        from_stage TEXT,
        to_stage TEXT NOT NULL,
        changed_at TEXT NOT NULL""",
    "community_groups": """
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        size INTEGER,
        admin_koc_id TEXT,
        county_id TEXT,
        notes TEXT""",
    "invitations": """
        event_id TEXT NOT NULL,
        koc_id TEXT,
        owner_id TEXT,
        status TEXT NOT NULL DEFAULT 'invited',
        feedback INTEGER,
        note TEXT""",
    "photos": """
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mime TEXT NOT NULL DEFAULT 'image/jpeg',
        taken_at TEXT,
        visit_id TEXT,
        shop_id TEXT,
        event_id TEXT,
        caption TEXT""",
}

_INDEXES_0001 = """
CREATE UNIQUE INDEX shops_code_live ON shops(code COLLATE NOCASE)
    WHERE code IS NOT NULL AND deleted = 0;
CREATE INDEX shops_county ON shops(county_id);
CREATE INDEX shops_rep ON shops(rep_id);
CREATE INDEX owners_shop ON owners(shop_id);
CREATE INDEX interactions_owner_date ON interactions(owner_id, date);
CREATE INDEX interactions_date ON interactions(date);
CREATE INDEX visits_shop_checkin ON visits(shop_id, checkin_at);
CREATE INDEX visits_rep_planned ON visits(rep_id, planned_date);
CREATE INDEX visits_planned ON visits(planned_date);
CREATE INDEX visits_review ON visits(review_status);
CREATE INDEX order_lines_visit ON order_lines(visit_id);
CREATE INDEX events_starts ON events(starts_at);
CREATE INDEX events_venue ON events(venue_shop_id);
CREATE INDEX event_products_event ON event_products(event_id);
CREATE INDEX kocs_county_stage ON kocs(county_id, stage);
CREATE INDEX kocs_source_event ON kocs(source_event_id);
CREATE INDEX kocs_source_visit ON kocs(source_visit_id);
CREATE INDEX koc_shops_koc ON koc_shops(koc_id);
CREATE INDEX koc_shops_shop ON koc_shops(shop_id);
CREATE INDEX koc_shops_owner ON koc_shops(introduced_by_owner_id);
CREATE INDEX koc_stage_changes_koc ON koc_stage_changes(koc_id);
CREATE INDEX community_groups_admin ON community_groups(admin_koc_id);
CREATE INDEX invitations_event ON invitations(event_id);
CREATE INDEX invitations_koc ON invitations(koc_id);
CREATE INDEX invitations_owner ON invitations(owner_id);
CREATE INDEX photos_visit ON photos(visit_id);
CREATE INDEX photos_shop ON photos(shop_id);
CREATE INDEX photos_event ON photos(event_id);
CREATE INDEX photos_sha ON photos(sha256);
"""

# Local-only tables: device identity and settings, and the sync outbox.
_LOCAL_0001 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL,
    user_id TEXT,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    changes TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'applied', 'conflict', 'rejected')),
    result TEXT,
    error_code TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX outbox_row ON outbox(table_name, row_id);
"""


@_migration("0001_initial")
def m0001_initial(db: Database) -> None:
    for table, columns in _TABLES_0001.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
    for statement in (_INDEXES_0001 + _LOCAL_0001).split(";"):
        if statement.strip():
            db.execute(statement)


# Sync state: conflicts decided by head office (a synced table, resolved by a person),
# and this device's pull cursor and sync settings (local only).
_TABLES_0002: dict[str, str] = {
    "conflicts": """
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        kept_value TEXT,
        lost_value TEXT,
        kept_by TEXT,
        lost_by TEXT,
        kept_device TEXT,
        lost_device TEXT,
        kept_seq INTEGER,
        lost_seq INTEGER,
        lost_client_time TEXT,
        resolved INTEGER NOT NULL DEFAULT 0,
        resolution TEXT""",
}

_LOCAL_0002 = """
CREATE INDEX conflicts_open ON conflicts(resolved, table_name, row_id);
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT
);
-- Set when a mutation first goes out. A mutation put back to pending after a lost
-- answer may already be applied on the server: later edits must not fold into it.
ALTER TABLE outbox ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
"""


@_migration("0002_sync_state")
def m0002_sync_state(db: Database) -> None:

    for table, columns in _TABLES_0002.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
    for statement in _LOCAL_0002.split(";"):
        if statement.strip():
            db.execute(statement)


# Running verify sums (fieldapp/store/sums.py): one row per synced table, kept by
# triggers. A migration that adds a synced table calls sums.install_triggers for it.
_SYNCED_0003 = (
    "counties", "teams", "users", "products", "shops", "owners", "interactions", "visits",
    "order_lines", "events", "event_products", "kocs", "koc_shops", "koc_stage_changes",
    "community_groups", "invitations", "photos", "conflicts",
)  # fmt: skip


@_migration("0003_verify_sums")
def m0003_verify_sums(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    db.execute(
        "CREATE TABLE sync_sums (table_name TEXT PRIMARY KEY NOT NULL,"
        " row_count INTEGER NOT NULL, checksum INTEGER NOT NULL)"
    )
    db.execute(
        "CREATE TABLE sync_sums_log (table_name TEXT NOT NULL, row_id TEXT NOT NULL,"
        " old_version INTEGER, new_version INTEGER)"
    )
    for table in _SYNCED_0003:
        sums.install_triggers(db, table)


# Review history: one synced row per supervisor decision on a visit (approved or returned,
# with the comment), so a visit returned twice keeps both comments.
_TABLES_0004: dict[str, str] = {
    "visit_reviews": """
        visit_id TEXT NOT NULL,
        decision TEXT NOT NULL,
        comment TEXT,
        reviewer_id TEXT,
        decided_at TEXT NOT NULL""",
}


@_migration("0004_visit_reviews")
def m0004_visit_reviews(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, columns in _TABLES_0004.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
        sums.install_triggers(db, table)
    db.execute("CREATE INDEX visit_reviews_visit ON visit_reviews(visit_id, decided_at)")


# The team dashboard counts visits per rep and week by planned day and by check-in time:
# covering indexes let it read ranges of the index alone (150,000 visits, under 300 ms).
# The new planned-date index starts with planned_date, so it replaces visits_planned.
_INDEXES_0005 = """
CREATE INDEX visits_checkin_rep ON visits(checkin_at, rep_id, deleted, shop_id);
CREATE INDEX visits_planned_rep ON visits(planned_date, rep_id, deleted, shop_id);
DROP INDEX visits_planned;
"""


@_migration("0005_dashboard_indexes")
def m0005_dashboard_indexes(db: Database) -> None:
    for statement in _INDEXES_0005.split(";"):
        if statement.strip():
            db.execute(statement)


# The dashboard's visits per rep and week group check-ins by their Beijing day: an index on
# that very expression hands the days over in order (a year of a team's visits: ~250 ms of
# sorting gone); checkin_at itself rides along so that SQLite reads the index alone. It
# replaces 0005's check-in index, which only served the same query.
_INDEXES_0006 = """
CREATE INDEX visits_checkin_day
    ON visits(date(checkin_at, '+28800 seconds'), rep_id, deleted, checkin_at);
DROP INDEX visits_checkin_rep;
"""


@_migration("0006_checkin_day_index")
def m0006_checkin_day_index(db: Database) -> None:
    for statement in _INDEXES_0006.split(";"):
        if statement.strip():
            db.execute(statement)


# "Erase this person" (PIPL): when a KOC's personal data was erased.
@_migration("0007_koc_erased_at")
def m0007_koc_erased_at(db: Database) -> None:
    db.execute("ALTER TABLE kocs ADD COLUMN erased_at TEXT")


# Shop codes: unique among live shops is checked by ShopRepo on every local write and by
# head office on every push, no longer by a unique index: a pull may bring a shop with a
# code before the change that freed that code on another shop (the change log keeps a
# row's latest change only), and such a page must not fail. The index stays for lookups.
@_migration("0008_shop_code_not_unique")
def m0008_shop_code_not_unique(db: Database) -> None:
    db.execute("DROP INDEX shops_code_live")
    db.execute(
        "CREATE INDEX shops_code_live ON shops(code COLLATE NOCASE)"
        " WHERE code IS NOT NULL AND deleted = 0"
    )


# The Today page's lists of one rep: returned visits and KOCs to follow up read only
# that rep's rows (they scanned every returned visit / every KOC of the team).
@_migration("0009_today_indexes")
def m0009_today_indexes(db: Database) -> None:
    db.execute("DROP INDEX visits_review")
    db.execute("CREATE INDEX visits_review ON visits(review_status, rep_id)")
    db.execute("CREATE INDEX kocs_rep_stage ON kocs(rep_id, stage)")


# The dashboard's numbers for a period (a team's year: ~90,000 interactions, ~17,000
# invitations). Interactions per week walk each live owner's rows in the owner/date index:
# with ``deleted`` and ``level_after`` in it, SQLite reads the index alone instead of two
# row lookups per interaction. The event outcomes leave out invitations of deleted KOCs
# and owners: two partial indexes hold just those (a handful), so the check is a probe
# into a tiny list instead of a KOC or owner row read per invitation.
# IF (NOT) EXISTS: a first sync sets the store's indexes aside and restores them after.
_INDEXES_0011 = """
DROP INDEX IF EXISTS interactions_owner_date;
CREATE INDEX IF NOT EXISTS interactions_owner_date
    ON interactions(owner_id, date, deleted, level_after);
CREATE INDEX IF NOT EXISTS kocs_deleted ON kocs(id) WHERE deleted = 1;
CREATE INDEX IF NOT EXISTS owners_deleted ON owners(id) WHERE deleted = 1;
"""


@_migration("0011_dashboard_period_indexes")
def m0011_dashboard_period_indexes(db: Database) -> None:
    for statement in _INDEXES_0011.split(";"):
        if statement.strip():
            db.execute(statement)


# The dashboard's "as of today" numbers read indexes alone: KOCs per county and stage (and
# the funnel) walk (county_id, stage) with deleted and rep_id beside them instead of
# scanning every KOC row; a shop's last check-in and its live KOC links carry ``deleted``,
# so no visit or link row is read. Each replaces the narrower index of the same name.
_INDEXES_0012 = """
DROP INDEX IF EXISTS kocs_county_stage;
CREATE INDEX IF NOT EXISTS kocs_county_stage ON kocs(county_id, stage, deleted, rep_id);
DROP INDEX IF EXISTS koc_shops_shop;
CREATE INDEX IF NOT EXISTS koc_shops_shop ON koc_shops(shop_id, deleted, koc_id);
DROP INDEX IF EXISTS visits_shop_checkin;
CREATE INDEX IF NOT EXISTS visits_shop_checkin ON visits(shop_id, checkin_at, deleted);
"""


@_migration("0012_dashboard_standing_indexes")
def m0012_dashboard_standing_indexes(db: Database) -> None:
    for statement in _INDEXES_0012.split(";"):
        if statement.strip():
            db.execute(statement)


# The Team members tab counts each rep's visits checked in this month and live KOCs
# (UserRepo.activity): by rep_id alone SQLite read every visit and KOC of the team's
# reps (80 + 12 ms for 20 reps at team scale); these indexes answer from themselves
# (kocs_rep_stage gains deleted, which the Today page's KOC list checks too).
_INDEXES_0013 = """
CREATE INDEX IF NOT EXISTS visits_rep_checkin ON visits(rep_id, checkin_at, deleted);
DROP INDEX IF EXISTS kocs_rep_stage;
CREATE INDEX IF NOT EXISTS kocs_rep_stage ON kocs(rep_id, stage, deleted);
"""


@_migration("0013_rep_checkin_index")
def m0013_rep_checkin_index(db: Database) -> None:
    for statement in _INDEXES_0013.split(";"):
        if statement.strip():
            db.execute(statement)


#: Names of the migrations in order; the schema version is how many have run.
MIGRATION_NAMES: tuple[str, ...] = tuple(name for name, _ in _STEPS)
SCHEMA_VERSION = len(MIGRATION_NAMES)


@functools.cache
def migration_set() -> Migrations:
    """The migrations as sqlite-utils' ``Migrations`` (built when first needed: opening
    an up-to-date store does not load sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        migrations(name=name)(fn)
    return migrations


def apply(db: Db | Database) -> list[str]:
    """Apply pending migrations; return the names applied."""

    todo = pending(db)
    if todo:
        migration_set().apply(db.utils if isinstance(db, Db) else db)
    return todo


def pending(db: Sql) -> list[str]:
    """Names of the migrations not applied to ``db`` yet, in order."""
    done = set(applied(db))
    return [name for name in MIGRATION_NAMES if name not in done]


def applied(db: Sql) -> list[str]:
    """Names of the migrations applied to ``db``, in order.

    Read from sqlite-utils' record (``Migrations.applied``: table ``_sqlite_migrations``,
    this set's rows by rowid) with one query; a test holds the two to the same answer.
    """
    table = MIGRATIONS_TABLE
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone():
        return []
    return [
        row[0]
        for row in db.execute(
            f"SELECT name FROM [{table}] WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]
