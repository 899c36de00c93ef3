"""The console's campaigns (``/console/campaigns``, issue 19): head office defines a
task for the visits to the shops a filter takes during a period, and follows its
completion per shop and rep.

A campaign is a shared row only head office writes (``fieldapp.kinds.HEAD_OFFICE_ONLY``)
written by ``service.master.write_shared``, the rules a device's write meets (the wire
rule and the app's model, ``fieldapp.campaigns``' row rule inside): it reaches every
device at its next pull, and the app shows its task in the visits to the shops it
takes. Progress: ``service.campaigns.progress``.
Threading: as ``pages``: GET handlers on FastAPI's thread pool, POST handlers read the
form on the event loop and write on the thread pool.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy.engine import Engine

from fieldapp.campaigns import TASK_KINDS
from fieldapp.exchange import labels
from fieldapp.model import CampaignTaskKind, Channel, Tier
from sync import protocol as p

from ..service import master, overview
from ..service.campaigns import progress
from ..service.core import ServiceError

#: The form's fields, in order (``campaigns``' synced fields).
FIELDS: tuple[str, ...] = tuple(p.TABLES["campaigns"])
#: The fields that name another row, and the table it is in.
REFS: dict[str, str] = {"product_id": "products", "team_id": "teams", "county_id": "counties"}


@dataclass(frozen=True)
class Helpers:
    """What the console's pages share (``pages.install``'s closures)."""

    page: Callable[..., Response]
    current: Callable[[Request], Any]
    posted: Callable[[Request], Any]
    back: Callable[..., Response]
    field: Callable[..., str]
    lang_of: Callable[[Request], str]
    code_words: Callable[[str | None, str], str]
    not_found: type[Exception]


def install(router: APIRouter, h: Helpers, engine: Engine, clock: Callable[[], float]) -> None:
    """Serve the campaign pages on ``router``."""

    def choices(lang: str) -> dict[str, list[tuple[str, str]]]:
        products = sorted(master.live_rows(engine, "products"), key=lambda x: x.name)  # type: ignore[attr-defined]
        counties = sorted(master.live_rows(engine, "counties"),
                          key=lambda x: (x.province or "", x.name))  # type: ignore[attr-defined]  # fmt: skip
        kinds = labels.enum_words(CampaignTaskKind, lang)
        return {
            "task_kind": [(k, kinds[k]) for k in TASK_KINDS],
            "product_id": [
                (x.id, " ".join(v for v in (x.code, x.name) if v))  # type: ignore[attr-defined]
                for x in products
            ],
            "team_id": [(t["id"], t["name"]) for t in overview.teams_overview(engine)],
            "county_id": [(x.id, x.name) for x in counties],  # type: ignore[attr-defined]
            "channel": list(labels.enum_words(Channel, lang).items()),
            "tier": list(labels.enum_words(Tier, lang).items()),
        }

    def list_page(request: Request, s: Any, status: int = 200, **ctx: Any) -> Response:
        lang = h.lang_of(request)
        return h.page(request, "campaigns.html", s, status, kind="campaigns",
                      campaigns=progress(engine), choices=choices(lang),
                      fields=FIELDS, **({"values": {}, "problems": {}} | ctx))  # fmt: skip

    def detail_page(request: Request, s: Any, campaign_id: str, status: int = 200,
                    **ctx: Any) -> Response:  # fmt: skip
        found = progress(engine, [campaign_id])
        if not found:
            raise h.not_found()
        lang = h.lang_of(request)
        shown = {k: ("" if v is None else v) for k, v in found[0].campaign.items()}
        return h.page(request, "campaign.html", s, status, kind="campaigns", prog=found[0],
                      choices=choices(lang), fields=FIELDS,
                      **({"values": shown, "problems": {}} | ctx))  # fmt: skip

    @router.get("/campaigns")
    def campaigns(request: Request) -> Response:
        return list_page(request, h.current(request))

    @router.get("/campaigns/{campaign_id}")
    def campaign(campaign_id: str, request: Request) -> Response:
        return detail_page(request, h.current(request), campaign_id)

    @router.post("/campaigns/save")
    async def save(request: Request) -> Response:
        s, form = await h.posted(request)
        lang = h.lang_of(request)
        row_id = h.field(form, "row_id", 64) or None
        values = {name: h.field(form, name, 4000) for name in FIELDS}
        known = await run_in_threadpool(choices, lang)
        problems: dict[str, str] = {}
        for name in (*REFS, "task_kind", "channel", "tier"):
            if values[name] and values[name] not in {k for k, _ in known[name]}:
                problems[name] = h.code_words("not_found", lang)
        if not problems:
            row = {k: (v or None) for k, v in values.items()}
            try:
                ids = await run_in_threadpool(master.write_shared, engine, "campaigns",
                                              [(row_id, row)], clock())  # fmt: skip
            except ServiceError as exc:
                problems[exc.field or "name"] = h.code_words(exc.code, lang)
            else:
                return h.back(f"/campaigns/{ids[0]}", done="done_saved_campaign",
                              name=values["name"])  # fmt: skip
        if row_id:
            return await run_in_threadpool(
                lambda: detail_page(
                    request, s, row_id, 400, values=values | {"id": row_id}, problems=problems
                )
            )
        return await run_in_threadpool(
            lambda: list_page(request, s, 400, values=values, problems=problems)
        )
