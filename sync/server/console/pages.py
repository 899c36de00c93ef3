"""The console's routes (``/console/...``): pages, forms and uploads.

GET handlers are plain functions (FastAPI runs them on its thread pool); POST handlers
read the form on the event loop and do their database work on the thread pool. Every
POST but the sign-in carries the session's CSRF token (``session.csrf_ok``); the
sign-in form carries a double-submit token. Errors of a form are shown next to it, with
a 4xx status, and write nothing.
Threading: see above; the engine is shared, one connection per call.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.engine import Engine
from starlette.background import BackgroundTask
from starlette.datastructures import FormData, MutableHeaders, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fieldapp.cli_inbox import REFUSAL_WORDS
from fieldapp.errors import ValidationError
from fieldapp.exchange import import_master, labels
from fieldapp.exchange.export import ExportError, ExportFilters
from fieldapp.exchange.import_prices import PriceFileError
from fieldapp.exchange.import_shops import (
    FIELD_HEADER as SHOP_FIELD_HEADER,
    ImportFileError,
    MappingError,
    PlannedRow,
    Problem,
    check_mapping,
    guess_mapping,
    plan_import,
    read_table,
)
from fieldapp.model import Channel, Tier

from .. import prices as price_import, service
from ..db import console_uploads
from ..logins import LoginGate
from ..service import master, overview
from ..service.core import ServiceError
from . import campaign_pages, order_upload, session as sessions
from .session import Session
from .words import LANGS, WORDS, money, pick_lang, say

HERE = Path(__file__).parent
#: The largest spreadsheet the console takes (a master list is far smaller).
MAX_UPLOAD = 8 * 1024 * 1024
KINDS = ("counties", "products")
BEIJING = timedelta(hours=8)


class _SignIn(Exception):
    """No live session: to the sign-in page."""


class _BadCsrf(Exception):
    """A form without the session's CSRF token."""


class _Refused(Exception):
    """The account may not do this."""


def _words(lang: str) -> Callable[..., str]:
    def t(key: str, **params: Any) -> str:
        return say(key, lang, **params)

    return t


def _stamp(ts: int | None, lang: str) -> str:
    if not ts:
        return say("never", lang)
    return (datetime.fromtimestamp(ts, UTC) + BEIJING).strftime("%Y-%m-%d %H:%M")


def _code_words(code: str | None, lang: str) -> str:
    if not code:
        return ""
    if code in labels.PROBLEMS:
        return labels.problem(code, lang)
    if f"code_{code}" in WORDS:
        return say(f"code_{code}", lang)
    return REFUSAL_WORDS.get(code, code)


def install(app: FastAPI, engine: Engine, gate: LoginGate, clock: Callable[[], float],
            database_url: str) -> None:  # fmt: skip
    """Serve the console on ``app`` under ``/console``."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    router = APIRouter(prefix="/console", include_in_schema=False)
    readers: list[Engine] = []

    def lang_of(request: Request) -> str:
        return pick_lang(
            request.cookies.get(sessions.LANG_COOKIE), request.headers.get("accept-language")
        )

    def page(
        request: Request, name: str, s: Session | None, status: int = 200, **ctx: Any
    ) -> HTMLResponse:
        lang = lang_of(request)
        done = request.query_params.get("done", "")
        notice = ""
        if done.startswith("done_") and done in WORDS:
            q = request.query_params
            notice = say(done, lang, name=q.get("name", ""), rows=q.get("n", ""),
                         devices=q.get("n", ""), n=q.get("n", ""))  # fmt: skip
        html = env.get_template(name).render(
            t=_words(lang),
            lang=lang,
            s=s,
            role_word=say(f"role_{s.role}", lang) if s else "",
            path=request.url.path,
            full_path=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            notice=notice,
            stamp=lambda ts: _stamp(ts, lang),
            code_words=lambda code: _code_words(code, lang),
            money=money,
            **ctx,
        )
        return HTMLResponse(html, status_code=status)

    def current(request: Request) -> Session:
        s = sessions.find(engine, request.cookies.get(sessions.COOKIE), clock())
        if s is None:
            raise _SignIn()
        return s

    async def posted(request: Request) -> tuple[Session, FormData]:
        s = await run_in_threadpool(current, request)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_UPLOAD + 65536:
            raise _TooBig()
        form = await request.form(max_files=1, max_fields=50)
        if not sessions.csrf_ok(s.csrf, form.get("csrf")):
            raise _BadCsrf()
        if any(isinstance(v, str) and "\x00" in v for v in form.values()):
            raise _BadInput()  # no stored text holds NUL (PostgreSQL cannot)
        return s, form

    def back(path: str, **params: Any) -> RedirectResponse:
        from urllib.parse import urlencode

        query = urlencode({k: v for k, v in params.items() if v is not None})
        return RedirectResponse(f"/console{path}" + (f"?{query}" if query else ""), 303)

    def field(form: FormData, name: str, limit: int = 1000) -> str:
        value = form.get(name)
        return value.strip()[:limit] if isinstance(value, str) else ""

    # ------------------------------------------------------------------ errors

    @app.exception_handler(_SignIn)
    async def _to_sign_in(request: Request, _exc: _SignIn) -> Response:
        if request.method == "GET":
            return RedirectResponse("/console/login", 303)
        lang = lang_of(request)
        return _message(env, lang, say("session_ended", lang), 401)

    @app.exception_handler(_BadCsrf)
    async def _bad_csrf(request: Request, _exc: _BadCsrf) -> Response:
        lang = lang_of(request)
        return _message(env, lang, say("err_csrf", lang), 403)

    @app.exception_handler(_Refused)
    async def _refused(request: Request, _exc: _Refused) -> Response:
        lang = lang_of(request)
        return _message(env, lang, say("no_rights_accounts", lang), 403)

    @app.exception_handler(_BadInput)
    async def _bad_input(request: Request, _exc: _BadInput) -> Response:
        lang = lang_of(request)
        return _message(env, lang, labels.problem("invalid_character", lang), 400)

    @app.exception_handler(_TooBig)
    async def _too_big(request: Request, _exc: _TooBig) -> Response:
        lang = lang_of(request)
        return _message(env, lang, say("file_too_big_upload", lang, mb=MAX_UPLOAD >> 20), 413)

    # ------------------------------------------------------------------ sign-in

    def login_page(request: Request, status: int = 200, error: str = "",
                   username: str = "") -> HTMLResponse:  # fmt: skip
        token = secrets.token_urlsafe(24)
        resp = page(request, "login.html", None, status, error=error, login_csrf=token,
                    username=username)  # fmt: skip
        resp.set_cookie(sessions.LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        path="/console", secure=request.url.scheme == "https")  # fmt: skip
        return resp

    @router.get("/login")
    def login_get(request: Request) -> Response:
        return login_page(request)

    @router.post("/login")
    async def login_post(request: Request) -> Response:
        lang = lang_of(request)
        form = await request.form(max_files=0, max_fields=10)
        username = field(form, "username", 200)
        password = form.get("password")
        password = password if isinstance(password, str) else ""
        if not sessions.csrf_ok(request.cookies.get(sessions.LOGIN_COOKIE, "") or "!",
                                form.get("csrf")):  # fmt: skip
            return login_page(request, 403, say("err_csrf", lang), username)
        if not username or len(password) > 1024:
            return login_page(request, 401, say("err_credentials", lang), username)
        address = request.client.host if request.client else "?"
        try:
            user = await gate.check(username, password, address, clock)
        except ServiceError as exc:
            wait = exc.extra.get("retry_after", 1)
            key = {
                "login_throttled": "err_throttled",
                "account_locked": "err_locked",
                "login_busy": "err_busy",
            }.get(exc.code, "err_credentials")
            resp = login_page(request, exc.status, say(key, lang, seconds=wait), username)
            if isinstance(exc.extra.get("retry_after"), int):
                resp.headers["Retry-After"] = str(wait)
            return resp
        if not user.active:
            return login_page(request, 403, say("err_disabled", lang), username)
        if user.role not in service.CONSOLE_ROLES:
            return login_page(request, 403, say("err_not_console", lang), username)
        token, _csrf = await run_in_threadpool(sessions.start, engine, user.id, clock())
        done = RedirectResponse("/console/health", 303)
        done.set_cookie(sessions.COOKIE, token, httponly=True, samesite="strict",
                        path="/console", secure=request.url.scheme == "https",
                        max_age=sessions.LIFETIME)  # fmt: skip
        done.delete_cookie(sessions.LOGIN_COOKIE, path="/console")
        return done

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        s, _form = await posted(request)
        await run_in_threadpool(sessions.end, engine, s)
        resp = RedirectResponse("/console/login", 303)
        resp.delete_cookie(sessions.COOKIE, path="/console")
        return resp

    @router.get("/lang/{code}")
    def set_lang(code: str, request: Request, next: str = "/console/health") -> Response:
        target = next if next.startswith("/console") and "//" not in next else "/console/health"
        resp = RedirectResponse(target, 303)
        if code in LANGS:
            resp.set_cookie(sessions.LANG_COOKIE, code, samesite="lax", path="/console",
                            max_age=365 * 86400)  # fmt: skip
        return resp

    # ------------------------------------------------------------------ health

    @router.get("")
    @router.get("/")
    def home(request: Request) -> Response:
        current(request)
        return RedirectResponse("/console/health", 303)

    @router.get("/health")
    def health(request: Request) -> Response:
        s = current(request)
        teams = overview.teams_overview(engine)
        names = {t["id"]: t["name"] for t in teams}
        devices = overview.device_infos(engine)
        by_team: dict[str, list[overview.DeviceInfo]] = {}
        for d in devices:
            by_team.setdefault(names.get(d.team_id or "", ""), []).append(d)
        return page(request, "health.html", s, teams=teams, by_team=sorted(by_team.items()),
                    codes=overview.refusal_codes(engine))  # fmt: skip

    # ------------------------------------------------------------------ people

    def people_page(request: Request, s: Session, status: int = 200, **errors: Any) -> Response:
        return page(request, "people.html", s, status, teams=overview.teams_overview(engine),
                    people=overview.people(engine), roles=_roles_for(s), **errors)  # fmt: skip

    @router.get("/people")
    def people(request: Request) -> Response:
        return people_page(request, current(request))

    @router.post("/teams")
    async def create_team(request: Request) -> Response:
        s, form = await posted(request)
        name = field(form, "name", 300)
        try:
            await run_in_threadpool(service.create_team, engine, name, clock())
        except ServiceError as exc:
            lang = lang_of(request)
            return await run_in_threadpool(
                people_page, request, s, 400, team_error=_code_words(exc.code, lang),
                team_name=name,
            )  # fmt: skip
        return back("/people", done="done_created_team", name=name)

    @router.post("/users")
    async def create_user(request: Request) -> Response:
        s, form = await posted(request)
        name, role, team = field(form, "name", 200), field(form, "role"), field(form, "team")
        password = form.get("password")
        password = password if isinstance(password, str) else ""
        if role not in _roles_for(s):
            raise _Refused()
        hasher = gate.hasher
        try:
            await run_in_threadpool(service.create_user, engine, name, role, team or None,
                                    password, clock(), hasher)  # fmt: skip
        except ServiceError as exc:
            lang = lang_of(request)
            return await run_in_threadpool(
                people_page, request, s, 400, user_error=_code_words(exc.code, lang),
                user_field=exc.field, user_form={"name": name, "role": role, "team": team},
            )  # fmt: skip
        return back("/people", done="done_created_user", name=name)

    def target(s: Session, user_id: str) -> dict[str, Any]:
        found = overview.person(engine, user_id)
        if found is None:
            raise _NotFound()
        if found["role"] in service.CONSOLE_ROLES and s.role != "admin":
            raise _Refused()
        return found

    def person_page(request: Request, s: Session, user_id: str, status: int = 200,
                    **ctx: Any) -> Response:  # fmt: skip
        found = overview.person(engine, user_id)
        if found is None:
            raise _NotFound()
        return page(request, "person.html", s, status, who=found,
                    devices=overview.device_infos(engine, user_id=user_id),
                    teams=overview.teams_overview(engine),
                    may_manage=found["role"] not in service.CONSOLE_ROLES or s.role == "admin",
                    **ctx)  # fmt: skip

    @app.exception_handler(_NotFound)
    async def _not_found(request: Request, _exc: _NotFound) -> Response:
        lang = lang_of(request)
        return _message(env, lang, say("code_not_found", lang), 404)

    @router.get("/people/{user_id}")
    def person(user_id: str, request: Request) -> Response:
        return person_page(request, current(request), user_id)

    @router.post("/people/{user_id}/{action}")
    async def person_action(user_id: str, action: str, request: Request) -> Response:
        s, form = await posted(request)
        who = await run_in_threadpool(target, s, user_id)
        name = who["name"]
        try:
            if action == "move":
                team = field(form, "team")
                moved = await run_in_threadpool(
                    service.move_user, engine, name, None if team == "~pool" else team, clock()
                )
                return back(f"/people/{user_id}", done="done_moved", name=name, n=moved)
            if action in ("deactivate", "activate"):
                await run_in_threadpool(service.set_active, engine, name, action == "activate")
                return back(f"/people/{user_id}", done=f"done_{action}d", name=name)
            if action == "password":
                password = form.get("password")
                password = password if isinstance(password, str) else ""
                ended = await run_in_threadpool(service.reset_password, engine, name, password,
                                                gate.hasher)  # fmt: skip
                if user_id == s.user_id:  # their own: this session ended with the others
                    return RedirectResponse("/console/login", 303)
                return back(f"/people/{user_id}", done="done_password", n=ended)
            if action == "unlock":
                await run_in_threadpool(service.unlock_user, engine, name)
                return back(f"/people/{user_id}", done="done_unlocked", name=name)
        except ServiceError as exc:
            lang = lang_of(request)
            return await run_in_threadpool(
                person_page, request, s, user_id, 400, error=_code_words(exc.code, lang),
                error_at=action,
            )  # fmt: skip
        raise _NotFound()

    @router.post("/devices/{device_id}/{action}")
    async def device_action(device_id: str, action: str, request: Request) -> Response:
        s, _form = await posted(request)
        owner = await run_in_threadpool(_device_owner, engine, device_id)
        if owner is None or action not in ("revoke", "approve"):
            raise _NotFound()
        await run_in_threadpool(target, s, owner)
        if action == "revoke":
            await run_in_threadpool(service.revoke_device, engine, device_id)
            return back(f"/people/{owner}", done="done_revoked")
        await run_in_threadpool(service.approve_device, engine, device_id)
        return back(f"/people/{owner}", done="done_approved")

    async def take_upload(request: Request, kind: str, again: Callable[..., Response]) -> Response:
        """Keep a posted spreadsheet for its preview (``/uploads/ID``); without a file,
        ``again(session, upload_error=...)``: the form's page with the message."""
        s, form = await posted(request)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            text = say("no_file", lang_of(request))
            return await run_in_threadpool(lambda: again(s, upload_error=text))
        content = await upload.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            raise _TooBig()
        upload_id = secrets.token_urlsafe(16)
        filename = _clean_name(upload.filename)
        await run_in_threadpool(_keep_upload, engine, upload_id, s, kind, filename, content,
                                clock())  # fmt: skip
        return back(f"/uploads/{upload_id}")

    # ------------------------------------------------------------------ master data

    def master_page(request: Request, s: Session, kind: str, status: int = 200,
                    **ctx: Any) -> Response:  # fmt: skip
        if kind not in KINDS:
            raise _NotFound()
        rows = sorted(master.live_rows(engine, kind),
                      key=lambda r: (getattr(r, "province", "") or "", r.name))  # type: ignore[attr-defined]  # fmt: skip
        edit_id = request.query_params.get("edit")
        editing = next((r for r in rows if r.id == edit_id), None)
        values = ctx.pop("values", None)
        if values is None:
            values = editing.data() if editing is not None else {}
        return page(request, "master.html", s, status, kind=kind, rows=rows,
                    fields=import_master.FIELDS[kind], editing=editing, values=values,
                    **ctx)  # fmt: skip

    @router.get("/master")
    def master_home(request: Request) -> Response:
        current(request)
        return RedirectResponse("/console/master/counties", 303)

    def prices_page(request: Request, s: Session, status: int = 200, **ctx: Any) -> Response:
        lang = lang_of(request)
        return page(request, "prices.html", s, status, kind="prices",
                    price_rows=master.table_rows(engine, "prices"),
                    promotion_rows=master.table_rows(engine, "promotions"),
                    names=_shop_names(engine, lang) | {"product_id": _product_names(engine)},
                    **ctx)  # fmt: skip

    @router.get("/master/prices")
    def prices(request: Request) -> Response:
        return prices_page(request, current(request))

    @router.post("/master/prices/upload")
    async def prices_upload(request: Request) -> Response:
        return await take_upload(
            request, "prices", lambda s, **e: prices_page(request, s, 400, **e)
        )

    def price_run(s: Session, upload_id: str, *, dry_run: bool, valid_only: bool) -> Any:
        kept = _kept_upload(engine, upload_id, s, clock())
        if kept is None:
            return None, None
        with tempfile.TemporaryDirectory(prefix="fieldapp-console-") as tmp:
            path = Path(tmp) / ("upload" + Path(kept.filename).suffix.lower()[:8])
            path.write_bytes(kept.content)
            result = price_import.import_prices(engine, path, now=clock(), dry_run=dry_run,
                                                valid_only=valid_only)  # fmt: skip
        return kept, result

    @router.get("/master/{kind}")
    def master_list(kind: str, request: Request) -> Response:
        return master_page(request, current(request), kind)

    @router.post("/master/{kind}/save")
    async def master_save(kind: str, request: Request) -> Response:
        s, form = await posted(request)
        if kind not in KINDS:
            raise _NotFound()
        row_id = field(form, "row_id") or None
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        lang = lang_of(request)
        for name in import_master.FIELDS[kind]:
            text = field(form, name, 10_000)
            if name in import_master.NUMBERS:
                values[name] = text
                if not text:
                    values[name] = None
                    continue
                try:
                    number = float(text)
                except ValueError:
                    problems[name] = _code_words("not_a_number", lang)
                    continue
                values[name] = (
                    int(number) if name == "koc_target" and number.is_integer() else number
                )
            else:
                values[name] = text or None
        if not problems:
            try:
                await run_in_threadpool(master.write_shared, engine, kind, [(row_id, values)],
                                        clock())  # fmt: skip
                return back(f"/master/{kind}", done="done_written", n=1)
            except ServiceError as exc:
                problems[exc.field or "name"] = _code_words(exc.code, lang)
        shown = {k: ("" if v is None else v) for k, v in values.items()}
        return await run_in_threadpool(
            master_page, request, s, kind, 400, problems=problems, values=shown,
            row_id=row_id,
        )  # fmt: skip

    @router.post("/master/{kind}/upload")
    async def master_upload(kind: str, request: Request) -> Response:
        if kind not in KINDS:
            raise _NotFound()
        return await take_upload(
            request, kind, lambda s, **e: master_page(request, s, kind, 400, **e)
        )

    def planned(s: Session, upload_id: str) -> tuple[Any, Any]:
        kept = _kept_upload(engine, upload_id, s, clock())
        if kept is None:
            return None, None
        kind = kept.kind
        guess = None if kind == "shops" else import_master.guesser(kind)
        with tempfile.TemporaryDirectory(prefix="fieldapp-console-") as tmp:
            path = Path(tmp) / ("upload" + Path(kept.filename).suffix.lower()[:8])
            path.write_bytes(kept.content)
            table = read_table(path, guess=guess)
        if kind == "shops":
            shop_map, shop_unknown = guess_mapping(table.headers)
            check_mapping(shop_map)
            shop_plan = _placed(plan_import(master.ServerRows(engine), table, shop_map))
            return kept, (shop_plan, shop_unknown)
        mapping, unknown = import_master.guess_mapping(kind, table.headers)
        plan = import_master.plan_master(kind, table, mapping, master.live_rows(engine, kind))
        return kept, (plan, unknown)

    @router.get("/uploads/{upload_id}")
    def preview(upload_id: str, request: Request) -> Response:
        s = current(request)
        lang = lang_of(request)
        kind_of = _upload_kind(engine, upload_id)
        if kind_of == "orders":
            return order_preview(request, s, upload_id)
        if kind_of == "prices":
            try:
                kept, outcome = price_run(s, upload_id, dry_run=True, valid_only=True)
            except PriceFileError as exc:
                text = labels.problem(exc.code, lang)
                return prices_page(request, s, 400, upload_error=text)
            if kept is None:
                return _message(env, lang, say("upload_gone", lang), 404)
            bad_rows = {(x.sheet, x.row) for x in outcome.problems}
            return page(request, "prices_preview.html", s, kind="prices", result=outcome,
                        invalid=len(bad_rows), upload_id=upload_id,
                        filename=kept.filename)  # fmt: skip
        try:
            kept, result = planned(s, upload_id)
        except (ImportFileError, MappingError) as exc:
            kind = _upload_kind(engine, upload_id) or "counties"
            text = labels.problem(exc.code, lang, value=_field_list(exc, kind, lang))
            if kind == "shops":
                return shops_page(request, s, 400, upload_error=text)
            return master_page(request, s, kind, 400, upload_error=text)
        if kept is None:
            return _message(env, lang, say("upload_gone", lang), 404)
        plan, unknown = result
        if kept.kind == "shops":
            names = _shop_names(engine, lang)
            words: dict[str, Any] = {
                "where": lambda p: p.where(lang),
                "field_word": lambda f: say(f.replace("_id", ""), lang),
                "value_word": lambda f, v: names.get(f, {}).get(v, v),
            }
        else:
            words = {
                "where": lambda p: p.column or import_master.header_word(p.field, lang),
                "field_word": lambda f: import_master.header_word(f, lang),
                "value_word": lambda _f, v: v,
            }
        return page(request, "upload_preview.html", s, kind=kept.kind, plan=plan,
                    upload_id=upload_id, filename=kept.filename, unknown=unknown,
                    **words)  # fmt: skip

    @router.post("/uploads/{upload_id}/apply")
    async def apply(upload_id: str, request: Request) -> Response:
        s, form = await posted(request)
        lang = lang_of(request)
        valid_only = field(form, "valid_only") == "1"
        if await run_in_threadpool(_upload_kind, engine, upload_id) == "prices":

            def write_prices() -> int | None:
                kept, outcome = price_run(s, upload_id, dry_run=False, valid_only=valid_only)
                if kept is None:
                    return None
                if not outcome.written:
                    return -1
                _drop_upload(engine, upload_id)
                return int(outcome.created + outcome.updated + len(outcome.removed))

            try:
                done = await run_in_threadpool(write_prices)
            except PriceFileError:
                done = None
            if done is None:
                return _message(env, lang, say("upload_gone", lang), 404)
            if done < 0:
                return back(f"/uploads/{upload_id}")
            return back("/master/prices", done="done_written", n=done)
        if await run_in_threadpool(_upload_kind, engine, upload_id) == "orders":
            return await order_apply(request, s, upload_id, valid_only)

        def work() -> int | None:
            kept, result = planned(s, upload_id)
            if kept is None:
                return None
            plan = result[0]
            if plan.count("invalid") and not valid_only:
                return -1
            if kept.kind == "shops":
                shop_writes = [
                    (r.shop_id, r.changes) for r in plan.rows if r.action in ("create", "update")
                ]
                if shop_writes:
                    master.write_shops(engine, shop_writes, clock())
                _drop_upload(engine, upload_id)
                return len(shop_writes)
            writes = [(r.row_id, r.changes) for r in plan.rows if r.action in ("create", "update")]
            if writes:
                master.write_shared(engine, kept.kind, writes, clock())
            _drop_upload(engine, upload_id)
            return len(writes)

        try:
            written = await run_in_threadpool(work)
        except (ImportFileError, MappingError):
            written = None
        except ServiceError as exc:
            return _message(env, lang, _code_words(exc.code, lang), 409)
        if written is None:
            return _message(env, lang, say("upload_gone", lang), 404)
        if written < 0:
            return back(f"/uploads/{upload_id}")
        kind = form.get("kind")
        if kind == "shops":
            return back("/shops", done="done_written", n=written)
        kind = kind if kind in KINDS else "counties"
        return back(f"/master/{kind}", done="done_written", n=written)

    # ------------------------------------------------------------------ shops

    def shops_page(request: Request, s: Session, status: int = 200, **ctx: Any) -> Response:
        lang = lang_of(request)
        q = request.query_params
        text, team = q.get("q", "")[:100], q.get("team", "")[:64]
        found, total = master.shop_list(engine, text=text, team=team or None)
        return page(request, "shops.html", s, status, shops=found, total=total, q=text,
                    team=team, teams=overview.teams_overview(engine),
                    reps=overview.rep_choices(engine), names=_shop_names(engine, lang),
                    **ctx)  # fmt: skip

    @router.get("/shops")
    def shops(request: Request) -> Response:
        return shops_page(request, current(request))

    @router.post("/shops/upload")
    async def shops_upload(request: Request) -> Response:
        return await take_upload(request, "shops", lambda s, **e: shops_page(request, s, 400, **e))

    @router.post("/shops/{shop_id}/assign")
    async def assign(shop_id: str, request: Request) -> Response:
        s, form = await posted(request)
        rep_id = field(form, "rep", 64)
        try:
            await run_in_threadpool(master.write_shops, engine, [(shop_id, {"rep_id": rep_id})],
                                    clock())  # fmt: skip
        except ServiceError as exc:
            lang = lang_of(request)
            return await run_in_threadpool(shops_page, request, s, 400,
                                           error=_code_words(exc.code, lang))  # fmt: skip
        name = next((r["name"] for r in overview.rep_choices(engine) if r["id"] == rep_id), "")
        return back("/shops", done="done_assigned", name=name)

    # ------------------------------------------------------------------ cloud-store orders

    def orders_page(request: Request, s: Session, status: int = 200, **ctx: Any) -> Response:
        found, total = order_upload.latest(engine)
        return page(request, "orders.html", s, status, orders=found, total=total,
                    shops=order_upload.shop_names(engine), beijing=order_upload.beijing,
                    **ctx)  # fmt: skip

    @router.get("/orders")
    def orders(request: Request) -> Response:
        return orders_page(request, current(request))

    @router.post("/orders/upload")
    async def orders_upload(request: Request) -> Response:
        return await take_upload(
            request, "orders", lambda s, **e: orders_page(request, s, 400, **e)
        )

    def order_preview(request: Request, s: Session, upload_id: str) -> Response:
        """The order upload's preview: ``fieldapp-server import-orders --dry-run``'s plan."""
        lang = lang_of(request)
        kept = _kept_upload(engine, upload_id, s, clock())
        if kept is None:
            return _message(env, lang, say("upload_gone", lang), 404)
        try:
            plan, unknown = order_upload.plan(engine, kept.filename, kept.content, clock())
        except (ImportFileError, MappingError) as exc:
            text = labels.problem(exc.code, lang, value=order_upload.problem_value(exc, lang))
            return orders_page(request, s, 400, upload_error=text)
        shops = order_upload.shop_names(engine)
        return page(request, "upload_preview.html", s, kind="orders", plan=plan,
                    upload_id=upload_id, filename=kept.filename, unknown=unknown,
                    where=lambda p: p.where(lang),
                    field_word=lambda f: order_upload.field_word(f, lang),
                    value_word=lambda f, v: order_upload.value_word(f, v, shops))  # fmt: skip

    async def order_apply(request: Request, s: Session, upload_id: str,
                          valid_only: bool) -> Response:  # fmt: skip
        lang = lang_of(request)

        def work() -> int | None:
            kept = _kept_upload(engine, upload_id, s, clock())
            if kept is None:
                return None
            written = order_upload.apply(engine, kept.filename, kept.content, clock(),
                                         valid_only)  # fmt: skip
            if written >= 0:
                _drop_upload(engine, upload_id)
            return written

        try:
            written = await run_in_threadpool(work)
        except (ImportFileError, MappingError):
            written = None
        except ValidationError as exc:  # a value the wire rule refuses: nothing written
            text = f"{labels.problem(exc.field_code, lang)} ({exc.detail})"
            return _message(env, lang, text, 409)
        except ServiceError as exc:
            return _message(env, lang, _code_words(exc.code, lang), 409)
        if written is None:
            return _message(env, lang, say("upload_gone", lang), 404)
        if written < 0:
            return back(f"/uploads/{upload_id}")
        return back("/orders", done="done_written", n=written)

    # ------------------------------------------------------------------ export

    @router.get("/export")
    def export_form(request: Request) -> Response:
        s = current(request)
        return export_page(request, s, 200, {}, {})

    def export_page(request: Request, s: Session, status: int, values: dict[str, str],
                    problems: dict[str, str]) -> Response:  # fmt: skip
        counties = sorted(master.live_rows(engine, "counties"), key=lambda c: c.name)  # type: ignore[attr-defined]
        return page(request, "export.html", s, status, teams=overview.teams_overview(engine),
                    reps=overview.rep_choices(engine), counties=counties, values=values,
                    problems=problems)  # fmt: skip

    @router.post("/export")
    async def export_post(request: Request) -> Response:
        s, form = await posted(request)
        lang = lang_of(request)
        keys = ("team", "rep", "county", "from", "to", "format", "lang")
        values = {k: field(form, k, 200) for k in keys}
        problems: dict[str, str] = {}
        days: dict[str, date | None] = {}
        for key in ("from", "to"):
            try:
                days[key] = date.fromisoformat(values[key]) if values[key] else None
            except ValueError:
                problems[key] = say("bad_date", lang)
        if not problems and days["from"] and days["to"] and days["from"] > days["to"]:
            problems["to"] = say("bad_period", lang)
        if problems:
            return await run_in_threadpool(export_page, request, s, 400, values, problems)
        if not readers:
            from ..export import read_engine

            readers.append(read_engine(database_url))
        out_lang = values["lang"] if values["lang"] in LANGS else lang
        as_csv = values["format"] == "csv"
        filters = ExportFilters(
            date_from=days["from"],
            date_to=days["to"],
            reps=(values["rep"],) if values["rep"] else (),
            counties=(values["county"],) if values["county"] else (),
        )
        try:
            result = await run_in_threadpool(
                _export, readers[0], values["team"], filters, out_lang, as_csv
            )
        except ExportError:  # a rep or county that no longer exists
            result = None
        if result is None:
            return _message(env, lang, say("code_not_found", lang), 404)
        path, folder = result
        return FileResponse(path, filename=path.name,
                            background=BackgroundTask(shutil.rmtree, folder, True))  # fmt: skip

    campaign_pages.install(
        router,
        campaign_pages.Helpers(page=page, current=current, posted=posted, back=back, field=field,
                               lang_of=lang_of, code_words=_code_words, not_found=_NotFound),
        engine,
        clock,
    )  # fmt: skip
    app.include_router(router)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")

    app.add_middleware(_ConsoleHeaders, env=env, lang_of=lang_of)


#: Headers of every console answer (not of the sync API's).
_CONSOLE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
}


class _ConsoleHeaders:
    """The console's pages refuse control characters in their address and carry the
    headers above (and ``Cache-Control: no-store`` unless they set their own). Plain
    ASGI: a request of the sync API passes straight through (docs/scale.md)."""

    def __init__(self, app: ASGIApp, env: Environment, lang_of: Callable[[Request], str]) -> None:
        self.app = app
        self.env = env
        self.lang_of = lang_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/console"):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if _control(request.url.path + "?" + unquote(request.url.query)):
            lang = self.lang_of(request)
            answer = _message(self.env, lang, labels.problem("invalid_character", lang), 400)
            await answer(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Cache-Control", "no-store")
                for name, value in _CONSOLE_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, sending)


class _NotFound(Exception):
    """An unknown row, upload, kind or action."""


class _BadInput(Exception):
    """A form value no stored text may hold (NUL)."""


def _control(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def _clean_name(name: str) -> str:
    """An uploaded file's name as kept: its last part, without control characters."""
    base = Path(name.replace("\\", "/")).name
    return "".join(ch for ch in base if not _control(ch))[:200] or "upload"


class _TooBig(Exception):
    """An upload over ``MAX_UPLOAD``."""


def _message(env: Environment, lang: str, text: str, status: int) -> HTMLResponse:
    html = env.get_template("message.html").render(t=_words(lang), lang=lang, s=None,
                                                   text=text, path="", full_path="",
                                                   notice="")  # fmt: skip
    return HTMLResponse(html, status_code=status)


def _roles_for(s: Session) -> tuple[str, ...]:
    """The roles ``s`` may give a new account: an admin any, head office reps and
    supervisors."""
    if s.role == "admin":
        return ("rep", "supervisor", "head_office", "admin")
    return ("rep", "supervisor")


def _field_list(exc: Exception, kind: str, lang: str) -> str:
    """What a mapping problem names (the header words of the fields), in words; a file
    problem's detail is its temporary path: nothing."""
    detail = str(getattr(exc, "detail", "") or "")
    if not isinstance(exc, MappingError):
        return ""
    if kind == "shops":
        return ", ".join(
            labels.header(SHOP_FIELD_HEADER[f], lang) if f in SHOP_FIELD_HEADER else f
            for f in detail.split(",")
            if f
        )
    return ", ".join(import_master.header_word(f, lang) for f in detail.split(",") if f)


def _device_owner(engine: Engine, device_id: str) -> str | None:
    from ..db import devices

    with engine.connect() as conn:
        found = conn.execute(sa.select(devices.c.user_id).where(devices.c.id == device_id))
        value = found.scalar()
    return None if value is None else str(value)


def _keep_upload(engine: Engine, upload_id: str, s: Session, kind: str, filename: str,
                 content: bytes, now: float) -> None:  # fmt: skip
    with engine.begin() as conn:
        conn.execute(
            sa.delete(console_uploads).where(
                console_uploads.c.created_at < int(now - sessions.UPLOAD_TTL)
            )
        )
        conn.execute(
            sa.insert(console_uploads).values(
                id=upload_id, token_hash=s.token_hash, kind=kind, filename=filename,
                content=content, created_at=int(now),
            )
        )  # fmt: skip


def _kept_upload(engine: Engine, upload_id: str, s: Session, now: float) -> Any:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(console_uploads).where(
                console_uploads.c.id == upload_id,
                console_uploads.c.token_hash == s.token_hash,
                console_uploads.c.created_at >= int(now - sessions.UPLOAD_TTL),
            )
        ).first()


def _upload_kind(engine: Engine, upload_id: str) -> str | None:
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(console_uploads.c.kind).where(console_uploads.c.id == upload_id)
        ).scalar()
    return None if found is None else str(found)


def _drop_upload(engine: Engine, upload_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(console_uploads).where(console_uploads.c.id == upload_id))


def _export(reader: Engine, team: str, filters: ExportFilters, lang: str,
            as_csv: bool) -> tuple[Path, str] | None:  # fmt: skip
    """The workbook (or the CSV files, zipped) in a fresh folder: (file, folder)."""
    from .. import export

    folder = tempfile.mkdtemp(prefix="fieldapp-export-")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    teams = [team] if team else []
    try:
        if as_csv:
            target = Path(folder) / "csv"
            export.export(reader, csv_dir=target, teams=teams, lang=lang, filters=filters)
            path = Path(folder) / f"fieldapp-{stamp}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
                for f in sorted(target.iterdir()):
                    zf.write(f, f.name)
        else:
            path = Path(folder) / f"fieldapp-{stamp}.xlsx"
            export.export(reader, xlsx=path, teams=teams, lang=lang, filters=filters)
    except export.UnknownTeam:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return path, folder


def _placed(plan: Any) -> Any:
    """A new shop needs a rep (it goes to their team): a row to create without one is a
    problem on the rep column."""
    rep_column = next((plan.headers[i] for i, f in plan.mapping.items() if f == "rep"), "")
    out: list[PlannedRow] = []
    for r in plan.rows:
        if r.action == "create" and not r.changes.get("rep_id"):
            problem = Problem(r.row, rep_column, "rep", "required")
            out.append(PlannedRow(r.row, r.code, r.name, "invalid", None, {}, (problem,)))
        else:
            out.append(r)
    return replace(plan, rows=out)


def _shop_names(engine: Engine, lang: str) -> dict[str, dict[str, str]]:
    """Words for a shop's ids and codes: counties, reps, channels, tiers."""
    counties = {c.id: c.name for c in master.live_rows(engine, "counties")}  # type: ignore[attr-defined]
    reps = {r["id"]: r["name"] for r in overview.rep_choices(engine)}
    return {
        "county_id": counties,
        "rep_id": reps,
        "channel": labels.enum_words(Channel, lang),
        "tier": labels.enum_words(Tier, lang),
    }


def _product_names(engine: Engine) -> dict[str, str]:
    return {
        p.id: " ".join(x for x in (p.code, p.name) if x)  # type: ignore[attr-defined]
        for p in master.live_rows(engine, "products")
    }
