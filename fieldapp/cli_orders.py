"""``fieldapp orders``: the cloud-store orders nobody is attributed to, and attributing one
by hand (issue 18, docs/attribution.md).

    fieldapp orders [--all]                           unattributed orders (--all: every order)
    fieldapp orders --attribute ORDER_NO --koc ID     attribute an order to a KOC by hand
    fieldapp orders --attribute ORDER_NO --group ID   ... or to a community group
    fieldapp orders --attribute ORDER_NO --clear      remove the attribution by hand

Threading: runs on the calling thread with its own store.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from .errors import FieldappError


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "orders",
        parents=[common],
        help="cloud-store orders nobody is attributed to; attribute one by hand",
    )
    p.add_argument("--all", action="store_true", help="every order with its attribution")
    p.add_argument("--attribute", metavar="ORDER_NO", help="the order to attribute by hand")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--koc", metavar="ID", help="the KOC the order belongs to")
    who.add_argument("--group", metavar="ID", help="the community group it belongs to")
    who.add_argument("--clear", action="store_true", help="remove the attribution by hand")


def cmd_orders(
    args: argparse.Namespace,
    open_store: Callable[..., Any],
    emit: Callable[[argparse.Namespace, Any, str], None],
    error: type[Exception],
) -> int:
    from .store import loop

    store = open_store(args, must_exist=True)
    with store:
        if args.attribute:
            if not (args.koc or args.group or args.clear):
                raise error("--attribute needs --koc ID, --group ID or --clear")
            found = store.cloud_orders.list(where={"order_no": args.attribute})
            if not found:
                raise error(f"no order {args.attribute!r}")
            change = {"koc_id": args.koc, "group_id": args.group}
            if not args.clear:
                change = {k: v for k, v in change.items() if v}
            try:
                store.cloud_orders.update(found[0].id, **change)
            except FieldappError as exc:
                raise error(f"{args.attribute}: {exc}") from None
        rows = loop.attributions(store.db)
        if not args.all:
            rows = [a for a in rows if a.koc_id is None and a.group_id is None]
        names = {k.id: k.name for k in store.kocs.list()}
    lines = [
        f"{a.order_no:<24} {a.ordered_at[:16]}  ¥{a.amount:>10,.2f}"
        f"  {names.get(a.koc_id or '', '-')} ({a.koc_how or '-'})"
        for a in rows
    ]
    what = "orders" if args.all else "orders with neither KOC nor group"
    emit(args, {"orders": rows}, "\n".join([*lines, f"{len(rows)} {what}"]))
    return 0
