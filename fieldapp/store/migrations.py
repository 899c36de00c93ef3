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
# triggers. A migration that adds a synced table calls sums.install_triggers for it
# (migrations before 0022 called install_version_triggers).
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
        sums.install_version_triggers(db, table)


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
        sums.install_version_triggers(db, table)
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


@_migration("0014_quarantine")
def m0014_quarantine(db: Database) -> None:
    """Values this device received but cannot read (``fieldapp/store/quarantine.py``).

    Besides the table, this mends the rows the store already holds with today's rules
    (``fieldapp.values``): a data repair, meant to use the rules of the code that runs it.
    """
    from datetime import UTC, datetime

    from . import quarantine

    db.execute(quarantine.DDL)
    quarantine.mend_stored(db, datetime.now(UTC).isoformat(timespec="seconds"))


# Order lines edited in place: a return is a negative quantity, and a return or a price
# other than the product's list price (kept on the line when it is made) carries a reason.
# Lines made before have no list price, so they need no reason.
@_migration("0015_order_line_reason")
def m0015_order_line_reason(db: Database) -> None:
    have = {r[1] for r in db.execute("PRAGMA table_info(order_lines)").fetchall()}
    for column, kind in (("list_price", "REAL"), ("reason", "TEXT")):
        if column not in have:  # run again on a store that has it: nothing to do
            db.execute(f"ALTER TABLE order_lines ADD COLUMN {column} {kind}")


# Visit frequency and the day plan (issue 15): a team's default days between visits per
# tier, a shop's own frequency, route days and opening hours, and a planned visit's
# position in its day plan. Synced fields (sync.protocol schema 3); all may be null.
_COLUMNS_0016 = """
ALTER TABLE teams ADD COLUMN visit_days_a INTEGER;
ALTER TABLE teams ADD COLUMN visit_days_b INTEGER;
ALTER TABLE teams ADD COLUMN visit_days_c INTEGER;
ALTER TABLE shops ADD COLUMN visit_every_days INTEGER;
ALTER TABLE shops ADD COLUMN route_days TEXT;
ALTER TABLE shops ADD COLUMN opens_at TEXT;
ALTER TABLE shops ADD COLUMN closes_at TEXT;
ALTER TABLE visits ADD COLUMN plan_seq INTEGER;
CREATE INDEX IF NOT EXISTS visits_rep_planned ON visits(rep_id, planned_date, deleted)
"""


@_migration("0016_visit_plan")
def m0016_visit_plan(db: Database) -> None:
    for statement in _COLUMNS_0016.split(";"):
        if statement.strip():
            db.execute(statement)


# A new KOC's mobile is looked up among the live KOCs (store.duplicates): 34 ms by a scan
# of 30,000 KOCs at team scale without it.
@_migration("0017_kocs_mobile_index")
def m0017_kocs_mobile_index(db: Database) -> None:
    db.execute("CREATE INDEX IF NOT EXISTS kocs_mobile ON kocs(mobile)")


# Shelf audits (issue 16): a team's assortment rules (the SKUs shops of a channel and
# tier should carry), a shop's own additions and removals, and one line per SKU in a
# visit's shelf audit. Synced tables with verify-sum triggers.
_TABLES_0018: dict[str, str] = {
    "assortment_rules": """
        team_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        tier TEXT NOT NULL,
        product_id TEXT NOT NULL""",
    "shop_skus": """
        shop_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        listed INTEGER NOT NULL DEFAULT 1""",
    "shelf_audits": """
        visit_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        in_distribution INTEGER NOT NULL DEFAULT 0,
        out_of_stock INTEGER NOT NULL DEFAULT 0,
        facings INTEGER,
        shelf_price REAL,
        competitor_facings INTEGER,
        competitor_price REAL""",
}
_INDEXES_0018 = """
CREATE INDEX IF NOT EXISTS assortment_rules_team ON assortment_rules(team_id, channel, tier);
CREATE INDEX IF NOT EXISTS shop_skus_shop ON shop_skus(shop_id, product_id);
CREATE INDEX IF NOT EXISTS shelf_audits_visit ON shelf_audits(visit_id, product_id);
CREATE INDEX IF NOT EXISTS shelf_audits_product ON shelf_audits(product_id, visit_id);
"""


@_migration("0018_shelf_audits")
def m0018_shelf_audits(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, columns in _TABLES_0018.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
        sums.install_version_triggers(db, table)
    for statement in _INDEXES_0018.split(";"):
        if statement.strip():
            db.execute(statement)


# Price lists and promotions (issue 16): head office's rows, read by every device, and
# the promotion an order line got with its net price and free goods. Synced, with
# verify-sum triggers.
_TABLES_0019: dict[str, str] = {
    "prices": """
        list_name TEXT NOT NULL,
        product_id TEXT NOT NULL,
        channel TEXT,
        tier TEXT,
        county_id TEXT,
        price REAL NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT""",
    "promotions": """
        code TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        product_id TEXT,
        percent REAL,
        buy_quantity INTEGER,
        free_quantity INTEGER,
        min_quantity INTEGER,
        channel TEXT,
        tier TEXT,
        county_id TEXT,
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        priority INTEGER NOT NULL DEFAULT 0""",
}


@_migration("0019_prices_promotions")
def m0019_prices_promotions(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, columns in _TABLES_0019.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
        sums.install_version_triggers(db, table)
    db.execute("CREATE INDEX IF NOT EXISTS prices_product ON prices(product_id, valid_from)")
    db.execute("CREATE INDEX IF NOT EXISTS promotions_product ON promotions(product_id)")
    have = {r[1] for r in db.execute("PRAGMA table_info(order_lines)").fetchall()}
    for column, kind in (
        ("promotion_id", "TEXT"),
        ("net_price", "REAL"),
        ("free_quantity", "INTEGER"),
    ):
        if column not in have:  # run again on a store that has it: nothing to do
            db.execute(f"ALTER TABLE order_lines ADD COLUMN {column} {kind}")


# The B→KOC→C loop (issue 18): an event's economics (costs in ¥, bottles, tables) and a
# banquet's own fields on ``events``, a KOC's referral code, community pushes and
# cloud-store orders. Synced (sync.protocol schema 3); new columns may all be null.
_COLUMNS_0020 = (
    ("events", "cost_products", "REAL"),
    ("events", "cost_venue", "REAL"),
    ("events", "cost_gifts", "REAL"),
    ("events", "cost_other", "REAL"),
    ("events", "bottles_supplied", "INTEGER"),
    ("events", "bottles_opened", "INTEGER"),
    ("events", "bottles_returned", "INTEGER"),
    ("events", "table_count", "INTEGER"),
    ("events", "banquet_type", "TEXT"),
    ("events", "host_koc_id", "TEXT"),
    ("events", "host_owner_id", "TEXT"),
    ("events", "host_name", "TEXT"),
    ("events", "supplier_shop_id", "TEXT"),
    ("events", "scan_count", "INTEGER"),
    ("kocs", "referrer_code", "TEXT"),
)
_TABLES_0020: dict[str, str] = {
    "community_pushes": """
        koc_id TEXT,
        owner_id TEXT,
        group_id TEXT,
        date TEXT NOT NULL,
        product_id TEXT,
        campaign TEXT,
        event_id TEXT,
        note TEXT,
        rep_id TEXT""",
    "cloud_orders": """
        order_no TEXT NOT NULL,
        ordered_at TEXT NOT NULL,
        shop_id TEXT NOT NULL,
        items TEXT,
        amount REAL NOT NULL,
        buyer_ref TEXT,
        referrer_code TEXT,
        group_name TEXT,
        koc_id TEXT,
        group_id TEXT""",
}
_INDEXES_0020 = """
CREATE INDEX IF NOT EXISTS community_pushes_koc ON community_pushes(koc_id, date);
CREATE INDEX IF NOT EXISTS community_pushes_owner ON community_pushes(owner_id, date);
CREATE INDEX IF NOT EXISTS community_pushes_event ON community_pushes(event_id);
CREATE INDEX IF NOT EXISTS cloud_orders_no ON cloud_orders(order_no);
CREATE INDEX IF NOT EXISTS cloud_orders_shop ON cloud_orders(shop_id, ordered_at);
CREATE INDEX IF NOT EXISTS cloud_orders_referrer ON cloud_orders(referrer_code);
CREATE INDEX IF NOT EXISTS cloud_orders_buyer ON cloud_orders(buyer_ref);
CREATE INDEX IF NOT EXISTS kocs_referrer ON kocs(referrer_code);
CREATE INDEX IF NOT EXISTS events_kind ON events(kind, starts_at)
"""


@_migration("0020_loop")
def m0020_loop(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, column, kind in _COLUMNS_0020:
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()}
        if column not in have:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    for table, columns in _TABLES_0020.items():
        if not db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        ).fetchone():
            db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
            sums.install_version_triggers(db, table)
    for statement in _INDEXES_0020.split(";"):
        if statement.strip():
            db.execute(statement)


# Display agreements (issue 16): a shop's agreement, its checks in visits and the
# supervisor's payout per month; a team's deduction shares. Synced, verify-sum triggers.
_TABLES_0021: dict[str, str] = {
    "display_agreements": """
        shop_id TEXT NOT NULL,
        product_id TEXT,
        position TEXT NOT NULL,
        facings INTEGER NOT NULL DEFAULT 1,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        monthly_fee REAL NOT NULL,
        accepted_on TEXT,
        terms TEXT""",
    "display_checks": """
        visit_id TEXT NOT NULL,
        agreement_id TEXT NOT NULL,
        passed INTEGER NOT NULL DEFAULT 1,
        photo_id TEXT,
        note TEXT""",
    "display_payouts": """
        agreement_id TEXT NOT NULL,
        month TEXT NOT NULL,
        computed REAL NOT NULL,
        amount REAL NOT NULL,
        comment TEXT,
        approved_by TEXT,
        approved_at TEXT""",
}


@_migration("0021_display_agreements")
def m0021_display_agreements(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, columns in _TABLES_0021.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
        sums.install_version_triggers(db, table)
    db.execute("CREATE INDEX display_agreements_shop ON display_agreements(shop_id)")
    db.execute("CREATE INDEX display_checks_agreement ON display_checks(agreement_id, visit_id)")
    db.execute("CREATE INDEX display_payouts_agreement ON display_payouts(agreement_id, month)")
    have = {r[1] for r in db.execute("PRAGMA table_info(teams)").fetchall()}
    for column in ("display_fail_first_pct", "display_fail_second_pct"):
        if column not in have:
            db.execute(f"ALTER TABLE teams ADD COLUMN {column} INTEGER")


# Verify sums over content (fieldapp/store/sums.py): each counted row's hash of its id,
# version, deleted flag and synced fields is kept in sync_row_sums, and the triggers log
# every change of a counted row (not only of its version), so verify tells any
# difference in content. The synced tables as of this migration:
_SYNCED_0022 = (
    *_SYNCED_0003, "visit_reviews", "assortment_rules", "shop_skus", "shelf_audits",
    *_TABLES_0019, *_TABLES_0020, *_TABLES_0021,
)  # fmt: skip


@_migration("0022_verify_content")
def m0022_verify_content(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    db.execute(
        "CREATE TABLE sync_row_sums (table_name TEXT NOT NULL, row_id TEXT NOT NULL,"
        " hash INTEGER NOT NULL, PRIMARY KEY (table_name, row_id)) WITHOUT ROWID"
    )
    for table in _SYNCED_0022:
        for name in sums.trigger_names(table):
            db.execute(f"DROP TRIGGER IF EXISTS {name}")
        sums.install_triggers(db, table)


# "Erase this person" for shop owners (PIPL), as for KOCs (0007). Verify's row hash
# leaves null fields out, so no sum changes.
@_migration("0023_owner_erased_at")
def m0023_owner_erased_at(db: Database) -> None:
    db.execute("ALTER TABLE owners ADD COLUMN erased_at TEXT")


# A display agreement covers a list of SKUs (issue 16): one synced row per SKU, a part
# of the agreement; ``display_agreements.product_id`` stays for agreements made before.
@_migration("0024_display_agreement_skus")
def m0024_display_agreement_skus(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    db.execute(
        f"CREATE TABLE display_agreement_skus ({_META},"
        "\n        agreement_id TEXT NOT NULL,\n        product_id TEXT NOT NULL\n)"
    )
    sums.install_triggers(db, "display_agreement_skus")
    db.execute(
        "CREATE INDEX display_agreement_skus_agreement"
        " ON display_agreement_skus(agreement_id, product_id)"
    )


# Times in the value rule's one stored form (``fieldapp.values.normalize_datetime``: UTC,
# whole seconds, ``+00:00``): rows pulled before head office's migration 0008 kept the
# pushing laptop's offset (``…+08:00``) in ``created_at``/``updated_at``, a datetime field
# or a conflict's client time, and 0008 rewrote head office's copy without a new version,
# so no device pulled it again. Text order is time order only in the one form. The same
# moments: versions stay; verify's row sums follow (the sums triggers log each row).
# Like head office's 0008 it calls today's rule on purpose; a value the rule cannot read
# stays as it is (the pulled-row check keeps such a row aside). The tables and their
# datetime columns as of this migration:
_TIMES_0025: dict[str, tuple[str, ...]] = {
    **{table: () for table in _SYNCED_0022},
    "display_agreement_skus": (),
    "owners": ("erased_at",),
    "visits": ("checkin_at", "checkout_at", "reviewed_at"),
    "events": ("starts_at", "ends_at"),
    "kocs": ("consent_at", "erased_at"),
    "koc_stage_changes": ("changed_at",),
    "photos": ("taken_at",),
    "display_payouts": ("approved_at",),
    "visit_reviews": ("decided_at",),
    "cloud_orders": ("ordered_at",),
    "conflicts": ("lost_client_time",),
}


@_migration("0025_utc_times")
def m0025_utc_times(db: Database) -> None:
    from fieldapp.values import normalize_datetime

    for table, columns in _TIMES_0025.items():
        for column in ("created_at", "updated_at", *columns):
            found = db.execute(
                f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
                f" AND NOT ({column} LIKE '%+00:00' AND length({column}) = 25)"
            ).fetchall()
            for rowid, value in found:
                try:
                    fixed = normalize_datetime(value) if isinstance(value, str) else value
                except ValueError:
                    continue
                if fixed != value:
                    db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [fixed, rowid])


# Visit evidence (issue 15): the flags the rep's device found in a visit's photos and
# times, and each photo's perceptual hash (reused photos are found without reading every
# file again). Synced (schema 3); null until worked out, so no verify sum changes.
@_migration("0026_visit_evidence")
def m0026_visit_evidence(db: Database) -> None:
    db.execute("ALTER TABLE visits ADD COLUMN evidence_flags TEXT")
    db.execute("ALTER TABLE photos ADD COLUMN phash TEXT")


# Head office's campaigns (issue 19) and their tasks recorded in visits. Synced, with
# verify-sum triggers (sums.install_triggers, as every synced table since 0022).
_TABLES_0027: dict[str, str] = {
    "campaigns": """
        name TEXT NOT NULL,
        task_kind TEXT NOT NULL,
        task TEXT NOT NULL,
        product_id TEXT,
        team_id TEXT,
        county_id TEXT,
        channel TEXT,
        tier TEXT,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        notes TEXT""",
    "campaign_results": """
        visit_id TEXT NOT NULL,
        campaign_id TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 1,
        answer TEXT,
        photo_id TEXT""",
}


@_migration("0027_campaigns")
def m0027_campaigns(db: Database) -> None:
    from . import sums  # hashlib: not on the start-up path

    for table, columns in _TABLES_0027.items():
        db.execute(f"CREATE TABLE {table} ({_META},{columns}\n)")
        sums.install_triggers(db, table)
    db.execute("CREATE INDEX campaigns_period ON campaigns(ends_on, starts_on)")
    db.execute("CREATE INDEX campaign_results_visit ON campaign_results(visit_id)")
    db.execute("CREATE INDEX campaign_results_campaign ON campaign_results(campaign_id)")


# The B→KOC→C attribution's lookups as index searches (fieldapp.store.loop): a referral
# code is matched without regard to case (``lower(referrer_code)``, an expression index:
# a plain index on the column is skipped by ``lower()``), a group by its name, an
# order by its time, its KOC or group by hand, its group's name. Partial on live rows,
# as the queries read them.
_INDEXES_0028 = """
CREATE INDEX IF NOT EXISTS kocs_referrer_key ON kocs(lower(referrer_code)) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cloud_orders_referrer_key
    ON cloud_orders(lower(referrer_code)) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS community_groups_name ON community_groups(name) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cloud_orders_time ON cloud_orders(ordered_at) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS cloud_orders_koc ON cloud_orders(koc_id);
CREATE INDEX IF NOT EXISTS cloud_orders_group ON cloud_orders(group_id);
CREATE INDEX IF NOT EXISTS cloud_orders_group_name
    ON cloud_orders(trim(group_name)) WHERE deleted = 0
"""


@_migration("0028_loop_indexes")
def m0028_loop_indexes(db: Database) -> None:
    for statement in _INDEXES_0028.split(";"):
        if statement.strip():
            db.execute(statement)


# A display check holds the agreement's terms one by one (issue 16): the position, the
# facings, the SKUs; null: not checked one by one (verify's hash leaves nulls out).
@_migration("0029_display_check_terms")
def m0029_display_check_terms(db: Database) -> None:
    for column in ("position_ok", "facings_ok", "skus_ok"):
        db.execute(f"ALTER TABLE display_checks ADD COLUMN {column} INTEGER")


# A search index (issue 21): LIKE '%q%' scanned every shop, owner and KOC (135-209 ms per
# query at region scale). One FTS5 trigram table per searched table, keyed by the row's
# rowid (the store never VACUUMs, so its tables' rowids stay), one column per kind of
# value the search matches, each value kept as STX value ETX ETX so that exact and prefix
# matches are trigram phrases too (fieldapp/store/search.py). The index only proposes
# candidates: the search still applies its LIKE conditions to the rows, so the results
# are what they were. Kept by triggers. Every table's live rows in name order, for the
# searches that find too many rows to fetch them all. The values as of this migration:
_SEARCH_0030: dict[str, dict[str, tuple[str, ...]]] = {
    "shops": {"name": ("name",), "pinyin": ("search_pinyin",),
              "initials": ("search_initials",), "phones": ("phone",), "code": ("code",)},
    "owners": {"name": ("name",), "pinyin": ("search_pinyin",),
               "initials": ("search_initials",), "phones": ("mobile", "wechat"), "code": ()},
    "kocs": {"name": ("name",), "pinyin": ("search_pinyin",),
             "initials": ("search_initials",), "phones": ("mobile", "wechat"), "code": ()},
}  # fmt: skip


def _search_values_0030(table: str, row: str) -> str:
    """The index's columns for a row (``row``: the table, ``new``), as SQL values."""
    out = []
    for column, sources in _SEARCH_0030[table].items():
        refs = [
            f"replace({row}.{c}, '-', '')" if column == "phones" else f"{row}.{c}" for c in sources
        ]
        wrapped = [f"char(2) || coalesce({ref}, '') || char(3, 3)" for ref in refs]
        out.append(" || ' ' || ".join(wrapped) or "''")
    return ", ".join(out)


@_migration("0030_search_index")
def m0030_search_index(db: Database) -> None:
    for table, spec in _SEARCH_0030.items():
        fts, columns = f"{table}_search", ", ".join(spec)
        db.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, tokenize = 'trigram')")
        db.execute(f"CREATE VIRTUAL TABLE {fts}_terms USING fts5vocab({fts}, 'row')")
        db.execute(
            f"INSERT INTO {fts}(rowid, {columns})"
            f" SELECT rowid, {_search_values_0030(table, table)} FROM {table}"
        )
        insert = (
            f"INSERT INTO {fts}(rowid, {columns})"
            f" VALUES (new.rowid, {_search_values_0030(table, 'new')})"
        )
        db.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert}; END")
        watched = ", ".join(c for sources in spec.values() for c in sources)
        db.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {watched} ON {table} BEGIN"
            f" DELETE FROM {fts} WHERE rowid = old.rowid; {insert}; END"
        )
        db.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN"
            f" DELETE FROM {fts} WHERE rowid = old.rowid; END"
        )
        db.execute(f"CREATE INDEX {table}_live_name ON {table}(name, id) WHERE deleted = 0")


# Where the laptop was at a visit's check-in, when its position source said (issue 15:
# a check-in far from the shop is flagged). Synced (schema 3); null without a position.
@_migration("0031_checkin_position")
def m0031_checkin_position(db: Database) -> None:
    db.execute("ALTER TABLE visits ADD COLUMN checkin_latitude REAL")
    db.execute("ALTER TABLE visits ADD COLUMN checkin_longitude REAL")


# Prefix matches by pinyin or initials (rank 1 of a Latin or digit search, issue 21) walk
# the live rows whose pinyin starts with the text's first letter in name order, reading
# the keys from the index alone (fieldapp/store/search.py): "l" matched ~45,000 KOCs at
# region scale, all fetched and sorted for the first 50.
@_migration("0032_search_first_letter")
def m0032_search_first_letter(db: Database) -> None:
    for table in ("shops", "owners", "kocs"):
        db.execute(
            f"CREATE INDEX {table}_live_first ON {table}(substr(search_pinyin, 1, 1), name, id,"
            " search_pinyin, search_initials) WHERE deleted = 0"
        )


# The shop list's one- and two-character searches (issue 21): "z" or "张" match tens of
# thousands of shops at region scale, every one ranked and counted (250-480 ms a
# keystroke). ``shops_short`` holds, for every live shop, each distinct fragment of one
# or two characters that the shop list's search finds in it (in the shop's name,
# pinyin, initials, phone digits or code, or in its first live owner's name, pinyin,
# initials or mobile digits) with the rank the list gives the shop for it (0 exact,
# 1 prefix, 2 anywhere: ``fieldapp.store.search.match_clause``): such a search's count
# is a count of one key's entries, and each rank's shops are one range of the key
# (fieldapp/store/search.py ``short_key``; fieldapp/store/views_shops.py). Kept by
# triggers on shops and owners; ``search.rebuild_short`` refills it (in Python: the same
# rows as the triggers' SQL in a seventh of its time, tests/fieldapp/test_search_short.py).
# Each value is lowercased as LIKE folds (ASCII only), and a fragment is kept only for a
# value the search compares with a text of its kind (a Han character: names; only
# digits: phones, codes, the shop's initials and pinyin; otherwise codes, initials and
# pinyin). A value is carried as a flag ("1": the value as stored equals its lowercase
# form, so an equal text is an exact match) and the lowercase value; ``json_each`` of a
# string of zeros walks its positions (triggers cannot use a WITH clause).
#: GLOB's class of Han characters (``fieldapp.pinyin._CJK_CLASS``; GLOB ranges are code points).
_CJK_0033 = (
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af]"
)


def _short_0033(where: str) -> str:
    """(shop, frag, rank) of the live shops that ``where`` picks (alias ``s``), one row
    per place a fragment is found (the caller keeps each fragment's best rank)."""
    flag = "CASE WHEN {v} = lower({v}) THEN '1' ELSE '0' END || lower({v})"
    roles = ", ".join(
        [
            flag.format(v="s.name"),  # 0 the shop's name
            flag.format(v="coalesce(o.name, '')"),  # 1 the owner's name
            "'1' || coalesce(replace(s.phone, '-', ''), '')",  # 2 the shop's phone digits
            "'1' || coalesce(replace(o.mobile, '-', ''), '')",  # 3 the owner's mobile digits
            "'1' || lower(coalesce(s.code, ''))",  # 4 the code (compared NOCASE)
            flag.format(v="s.search_initials"),  # 5
            flag.format(v="s.search_pinyin"),  # 6
            flag.format(v="coalesce(o.search_initials, '')"),  # 7
            flag.format(v="coalesce(o.search_pinyin, '')"),  # 8
        ]
    )
    # The inner query is not flattened (LIMIT): each place reads its value from json_each
    # once, not once per use of the fragment.
    return (
        "SELECT shop, frag, CASE WHEN pos = 0 AND exact AND role IN (0, 1, 2, 3, 4, 5, 7)"
        " THEN 0 WHEN pos = 0 AND role IN (0, 1, 5, 6, 7, 8) THEN 1 ELSE 2 END AS rank"
        " FROM (SELECT s.rowid AS shop, r.key AS role, j.key AS pos,"
        " substr(r.value, j.key + 2, w.value) AS frag,"
        " w.value = length(r.value) - 1 AND r.value GLOB '1*' AS exact"
        " FROM shops AS s LEFT JOIN owners AS o ON o.id = (SELECT o2.id FROM owners AS o2"
        " WHERE o2.shop_id = s.id AND o2.deleted = 0 ORDER BY o2.created_at, o2.id LIMIT 1),"
        f" json_each(json_array({roles})) AS r,"
        " json_each('[' || replace(hex(zeroblob(length(r.value))), '00', '0,') || '0]') AS j,"
        " json_each('[1, 2]') AS w"
        f" WHERE {where} AND s.deleted = 0 AND j.key + w.value < length(r.value) LIMIT -1)"
        " WHERE frag NOT GLOB '*[ -]*' AND CASE"
        f" WHEN frag GLOB '*{_CJK_0033}*' THEN role IN (0, 1)"
        " WHEN frag NOT GLOB '*[^0-9]*' THEN role IN (2, 3, 4, 5, 6)"
        " ELSE role IN (4, 5, 6, 7, 8) END"
    )


def _short_insert_0033(shop: str, extra: str = "") -> str:
    return (
        "INSERT INTO shops_short(frag, rank, shop) SELECT frag, min(rank), shop FROM ("
        + _short_0033(f"s.rowid = {shop}{extra}")
        + ") GROUP BY shop, frag"
    )


@_migration("0033_search_short")
def m0033_search_short(db: Database) -> None:
    db.execute(
        "CREATE TABLE shops_short (frag TEXT NOT NULL, rank INTEGER NOT NULL,"
        " shop INTEGER NOT NULL, PRIMARY KEY (frag, rank, shop)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX shops_short_shop ON shops_short(shop)")
    # The list's name order (pinyin, then id), walked for the rank whose shops are many.
    db.execute("CREATE INDEX shops_live_pinyin ON shops(search_pinyin, id) WHERE deleted = 0")
    of_owner = "(SELECT rowid FROM shops WHERE id = {}.shop_id)"
    db.execute(
        "CREATE TRIGGER shops_short_insert AFTER INSERT ON shops BEGIN "
        + _short_insert_0033("new.rowid")
        + "; END"
    )
    # A pull updates every column of a row it brings: only a changed value recomputes.
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in ("id", "deleted", "name"))
    db.execute(
        "CREATE TRIGGER shops_short_update AFTER UPDATE OF id, deleted, name, phone, code,"
        f" search_pinyin, search_initials ON shops WHEN {changed} OR old.phone IS NOT new.phone"
        " OR old.code IS NOT new.code OR old.search_pinyin IS NOT new.search_pinyin"
        " OR old.search_initials IS NOT new.search_initials BEGIN"
        " DELETE FROM shops_short WHERE shop = old.rowid; "
        + _short_insert_0033("new.rowid")
        + "; END"
    )
    db.execute(
        "CREATE TRIGGER shops_short_delete AFTER DELETE ON shops BEGIN"
        " DELETE FROM shops_short WHERE shop = old.rowid; END"
    )
    db.execute(
        "CREATE TRIGGER owners_short_insert AFTER INSERT ON owners BEGIN"
        f" DELETE FROM shops_short WHERE shop = {of_owner.format('new')}; "
        + _short_insert_0033(of_owner.format("new"))
        + "; END"
    )
    db.execute(
        "CREATE TRIGGER owners_short_update AFTER UPDATE OF id, shop_id, deleted, created_at,"
        f" name, mobile, search_pinyin, search_initials ON owners WHEN {changed}"
        " OR old.shop_id IS NOT new.shop_id OR old.created_at IS NOT new.created_at"
        " OR old.mobile IS NOT new.mobile OR old.search_pinyin IS NOT new.search_pinyin"
        " OR old.search_initials IS NOT new.search_initials BEGIN"
        f" DELETE FROM shops_short WHERE shop = {of_owner.format('old')}; "
        + _short_insert_0033(of_owner.format("old"))
        + f"; DELETE FROM shops_short WHERE shop = {of_owner.format('new')}"
        " AND old.shop_id IS NOT new.shop_id; "
        + _short_insert_0033(of_owner.format("new"), " AND old.shop_id IS NOT new.shop_id")
        + "; END"
    )
    db.execute(
        "CREATE TRIGGER owners_short_delete AFTER DELETE ON owners BEGIN"
        f" DELETE FROM shops_short WHERE shop = {of_owner.format('old')}; "
        + _short_insert_0033(of_owner.format("old"))
        + "; END"
    )
    from .search import rebuild_short

    rebuild_short(db.conn)


# The KOC list's broad searches over the whole store (issue 21): its order (rank, then
# pinyin, name, id) walked from the live KOCs in that order finds a page of "z" (74,000
# matches at region scale) or "1" (215,000) among the first few hundred, where sorting
# every match cost 120-600 ms a keystroke (fieldapp/store/views_kocs_first.py).
@_migration("0034_kocs_live_pinyin")
def m0034_kocs_live_pinyin(db: Database) -> None:
    db.execute("CREATE INDEX kocs_live_pinyin ON kocs(search_pinyin, name, id) WHERE deleted = 0")


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
