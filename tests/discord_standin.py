"""A stand-in for Discord on loopback: its gateway (a websocket) and the part of its HTTP
API a bot uses, written with aiohttp, so that the bot's real client (discord.py's
HTTP client, gateway, heartbeats, resumes, rate-limit handling) can be driven end to end
without the network.

Point discord.py at it with `connect_bot` (the API base is swapped for the stand-in's,
and the gateway URL is the one the stand-in's `/gateway/bot` gives). Then `command`,
`autocomplete` and `press` send INTERACTION_CREATE as Discord documents it and return an
`Exchange` that collects what the bot sent back.

Every HTTP call is checked against Discord's OpenAPI description
(../shared/discord-api/openapi.json): the path and method must exist, the path and query
parameters and the JSON body must match their schemas, and the bot token must be sent
where the API asks for it. Whatever does not fit is kept in `violations`. The stand-in's
own answers are checked against the response schemas too, so that it cannot drift from
what Discord sends.

As Discord does: an interaction is acknowledged once (a second callback is refused with
40060), a callback after the 3-second window is refused with 10062 (unless the window is
switched off), 429 answers carry `retry_after` and a `Via` header (discord.py retries a
429 only when it came from Discord's API and not from Cloudflare), and a session can be
resumed with the events it missed.

Used by tests/test_discord_e2e.py and bench/bench_discord_load.py.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import re
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

SPEC = Path(__file__).resolve().parents[2] / "shared" / "discord-api" / "openapi.json"
TOKEN = "standin.bot.token"
APP_ID = 7
BOT_ID = 1
GUILD_ID = 30
CHANNEL_ID = 20
MANAGE_GUILD = 1 << 5
API = "/api/v10"
# what Discord's HELLO says today
HEARTBEAT_MS = 41250
# interaction callbacks later than this are refused ("Unknown interaction")
WINDOW_S = 3.0

EPHEMERAL = 1 << 6
LOADING = 1 << 7


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class Snowflakes:
    """Ids that grow, as Discord's do."""

    def __init__(self, start: int = 10**17) -> None:
        self._n = itertools.count(start)

    def __call__(self) -> str:
        return str(next(self._n))


# --- the contract ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Op:
    template: str
    method: str
    pointer: str  # JSON pointer of the operation in the spec
    op: dict[str, Any]
    params: dict[str, tuple[dict[str, Any], str]]  # name -> (parameter, JSON pointer of its schema)


class Spec:
    """Discord's OpenAPI description, as a checker of requests and responses."""

    def __init__(self, path: Path = SPEC) -> None:
        from jsonschema import Draft202012Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.doc = json.loads(path.read_text(encoding="utf-8"))
        self._registry = Registry().with_resource(
            "urn:discord", Resource(contents=self.doc, specification=DRAFT202012))
        self._validator_cls = Draft202012Validator
        self._validators: dict[str, Any] = {}
        self._routes: list[tuple[re.Pattern[str], int, str, dict[str, Any]]] = []
        for template, item in self.doc["paths"].items():
            rx = re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$")
            # literal segments ('@original') before parameters ('{message_id}')
            literal = sum(1 for seg in template.split("/") if seg and not seg.startswith("{"))
            self._routes.append((rx, -literal, template, item))
        self._routes.sort(key=lambda r: r[1])

    def validator(self, pointer: str):
        v = self._validators.get(pointer)
        if v is None:
            v = self._validator_cls({"$ref": "urn:discord#" + pointer}, registry=self._registry)
            self._validators[pointer] = v
        return v

    def schema_errors(self, schema_name: str, instance: Any) -> list[str]:
        v = self.validator(f"/components/schemas/{schema_name}")
        return [f"{'/'.join(map(str, e.absolute_path)) or '.'}: {e.message[:200]}"
                for e in sorted(v.iter_errors(instance), key=str)[:3]]

    def find(self, method: str, path: str) -> tuple[_Op | None, dict[str, str]]:
        for rx, _, template, item in self._routes:
            m = rx.match(path)
            if m and method.lower() in item:
                ptr = "/paths/" + quote(template.replace("~", "~0").replace("/", "~1"), safe="~") \
                      + "/" + method.lower()
                op = item[method.lower()]
                params = {p["name"]: (p, f"{ptr.rsplit('/', 1)[0]}/parameters/{i}/schema")
                          for i, p in enumerate(item.get("parameters", []))}
                params.update({p["name"]: (p, f"{ptr}/parameters/{i}/schema")
                               for i, p in enumerate(op.get("parameters", []))})
                return _Op(template, method.upper(), ptr, op, params), m.groupdict()
        return None, {}

    def check_request(self, op: _Op, path_params: dict[str, str], query: dict[str, str],
                      headers: dict[str, str], body: Any, content_type: str) -> list[str]:
        where = f"{op.method} {op.template}"
        out: list[str] = []
        known = op.params
        for name, value in path_params.items():
            out += [f"{where}: path {name}: {e}" for e in self._param_errors(*known[name], value)]
        for name, value in query.items():
            if name not in known or known[name][0]["in"] != "query":
                out.append(f"{where}: unknown query parameter {name!r}")
                continue
            out += [f"{where}: query {name}: {e}" for e in self._param_errors(*known[name], value)]
        security = op.op.get("security") or self.doc.get("security") or []
        if security and {} not in security and not headers.get("Authorization", "").startswith("Bot "):
            out.append(f"{where}: no bot token (the API asks for one)")
        auth = headers.get("Authorization")
        if auth is not None and auth != f"Bot {TOKEN}":
            out.append(f"{where}: a token that is not the bot's")
        rb = op.op.get("requestBody")
        if rb is None:
            if body is not None:
                out.append(f"{where}: a body where the API takes none")
        elif body is None:
            if rb.get("required"):
                out.append(f"{where}: no body where the API asks for one")
        else:
            kind = content_type.split(";")[0].strip() or "application/json"
            if kind not in rb["content"]:
                out.append(f"{where}: content type {kind} not accepted")
            else:
                ptr = op.pointer + "/requestBody/content/" + kind.replace("/", "~1") + "/schema"
                out += [f"{where}: body {'/'.join(map(str, e.absolute_path)) or '.'}: {e.message[:300]}"
                        for e in sorted(self.validator(ptr).iter_errors(body), key=str)[:3]]
        return out

    def _param_errors(self, param: dict[str, Any], ptr: str, raw: str) -> list[str]:
        schema = param.get("schema", {})
        value: Any = raw
        kind = schema.get("type")
        if kind == "boolean":
            # Discord reads 'true'/'false' and '1'/'0' alike (discord.py sends with_response=1)
            if raw.lower() not in ("true", "false", "1", "0"):
                return [f"{raw!r} is not a boolean"]
            return []
        if kind == "integer":
            if not re.fullmatch(r"-?\d+", raw):
                return [f"{raw!r} is not an integer"]
            value = int(raw)
        return [e.message[:200] for e in self.validator(ptr).iter_errors(value)]

    def check_response(self, op: _Op, status: int, body: Any) -> list[str]:
        responses = op.op.get("responses", {})
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        resp = responses.get(key)
        where = f"stand-in's {status} to {op.method} {op.template}"
        if status >= 500:
            return []  # (a server error is outside the contract: the spec does not describe one)
        if resp is None:
            return [f"{where}: a status the API does not document"]
        if "$ref" in resp:
            resp_ptr = resp["$ref"].removeprefix("#")
            resp = self._resolve(resp_ptr)
        else:
            resp_ptr = f"{op.pointer}/responses/{key}"
        content = resp.get("content")
        if body is None or not content:
            return [] if (body is None) == (not content) else [f"{where}: body and documented content differ"]
        ptr = resp_ptr + "/content/application~1json/schema"
        return [f"{where}: {'/'.join(map(str, e.absolute_path)) or '.'}: {e.message[:200]}"
                for e in sorted(self.validator(ptr).iter_errors(body), key=str)[:3]]

    def _resolve(self, pointer: str) -> Any:
        node: Any = self.doc
        for part in pointer.strip("/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node


# --- what went on with one interaction ------------------------------------------------

@dataclass
class Exchange:
    """One interaction sent to the bot and everything the bot sent back for it."""

    id: str
    token: str
    kind: str  # "command", "autocomplete" or "component"
    name: str
    user_id: int
    sent_at: float
    acknowledged: dict[str, Any] | None = None  # the callback Discord accepted
    first_at: float | None = None  # when the first callback arrived (accepted or not)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (code, why) of callbacks refused
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    message_id: str | None = None  # the message the callback made (or the deferral)
    acked: asyncio.Event = field(default_factory=asyncio.Event)  # a callback was accepted
    done: asyncio.Event = field(default_factory=asyncio.Event)  # the answer is there

    @property
    def deferred(self) -> bool:
        return bool(self.acknowledged) and self.acknowledged["type"] in (5, 6)

    @property
    def latency(self) -> float | None:
        """Seconds from the event leaving the gateway to the bot's first callback."""
        return None if self.first_at is None else self.first_at - self.sent_at

    @property
    def answer(self) -> dict[str, Any] | None:
        """What the user finally sees: the message (or choices) the bot answered with."""
        if self.acknowledged is None:
            return None
        if self.acknowledged["type"] in (4, 7, 8):
            return self.acknowledged.get("data") or {}
        if self.followups:
            return self.followups[0]
        return self.edits[-1] if self.edits else None

    def embeds_text(self) -> str:
        ans = self.answer or {}
        parts = [ans.get("content") or ""]
        for e in ans.get("embeds") or []:
            parts += [e.get("title", ""), e.get("description", ""),
                      (e.get("footer") or {}).get("text", "")]
            for f in e.get("fields") or []:
                parts += [f["name"], f["value"]]
        return "\n".join(parts)


@dataclass
class Fault:
    """Answer the next `times` requests that `applies` picks with this status."""

    applies: Callable[[str, str], bool]  # (method, path template)
    status: int
    times: int = 1
    retry_after: float = 0.1
    hits: list[str] = field(default_factory=list)


@dataclass
class _Session:
    id: str
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)  # every dispatch, for RESUME


class _Conn:
    def __init__(self, ws: web.WebSocketResponse, compress: bool) -> None:
        self.ws = ws
        self._z = zlib.compressobj() if compress else None

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        if self._z is None:
            await self.ws.send_str(text)
        else:
            # zlib-stream: one context for the connection, each message ends in a sync flush
            await self.ws.send_bytes(self._z.compress(text.encode()) + self._z.flush(zlib.Z_SYNC_FLUSH))


# --- the stand-in ---------------------------------------------------------------------

class StandIn:
    def __init__(self, spec: Spec | None = None, window: float | None = WINDOW_S) -> None:
        self.spec = spec if spec is not None else Spec()
        self.window = window
        self.ids = Snowflakes()
        self._violations: list[str] = []
        # Schema checks wait until `violations` is read: a check takes milliseconds, and
        # made at once it would hold up the answers to everyone else (and the timings)
        self._unchecked: list[Callable[[], list[str]]] = []
        self.calls: list[tuple[str, str, int]] = []  # (method, path template, status)
        self.faults: list[Fault] = []
        self.exchanges: dict[str, Exchange] = {}
        self._by_token: dict[str, Exchange] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self._pressed: dict[str, str] = {}  # component interaction -> the message pressed on
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.connected = asyncio.Event()
        self._conn: _Conn | None = None
        self._session: _Session | None = None
        self._refuse_resume = False
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def violations(self) -> list[str]:
        """Everything the bot sent (or the stand-in answered) that the API does not allow."""
        while self._unchecked:
            self._violations += self._unchecked.pop(0)()
        return self._violations

    # lifecycle

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._http)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.api_base

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # the gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        q = request.query
        if q.get("v") != "10" or q.get("encoding") != "json":
            self._violations.append(f"gateway: connected with {dict(q)} (want v=10, encoding=json)")
        if q.get("compress") not in (None, "zlib-stream"):
            self._violations.append(f"gateway: compression {q.get('compress')!r} not offered")
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = _Conn(ws, q.get("compress") == "zlib-stream")
        await conn.send({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_MS}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                await self._gateway_op(conn, payload.get("op"), payload.get("d"))
        finally:
            if self._conn is conn:
                self._conn = None
                self.connected.clear()
        return ws

    async def _gateway_op(self, conn: _Conn, op: int | None, d: Any) -> None:
        if op == 1:
            self.heartbeats += 1
            await conn.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            if d.get("token") != TOKEN:
                await conn.ws.close(code=4004, message=b"Authentication failed.")
                return
            if d.get("intents") != 1:  # (GUILDS only: the bot asks for no privileged intents)
                self._violations.append(f"gateway: IDENTIFY with intents {d.get('intents')}")
            self.identifies += 1
            self._session = _Session(self.ids())
            self._conn = conn
            await self._dispatch("READY", self._ready())
            await self._dispatch("GUILD_CREATE", self._guild())
            self.connected.set()
        elif op == 6:
            s = self._session
            if self._refuse_resume or s is None or d.get("session_id") != s.id or d.get("token") != TOKEN:
                self._refuse_resume = False
                await conn.send({"op": 9, "d": False, "s": None, "t": None})
                return
            self.resumes += 1
            self._conn = conn
            for event in s.sent:
                if event["s"] > (d.get("seq") or 0):
                    await conn.send(event)
            await self._dispatch("RESUMED", {})
            self.connected.set()
        elif op in (3, 4, 8):
            pass  # presence, voice, member requests: nothing this bot should need
        else:
            self._violations.append(f"gateway: unexpected op {op}")

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        s = self._session
        assert s is not None, "nobody has identified"
        s.seq += 1
        payload = {"op": 0, "t": event, "s": s.seq, "d": data}
        s.sent.append(payload)
        if self._conn is not None:
            await self._conn.send(payload)

    async def drop(self, code: int = 4000, refuse_resume: bool = False) -> None:
        """Close the gateway connection as Discord does now and then (4000: unknown error,
        which a client may resume); with refuse_resume, the RESUME that follows is answered
        with INVALID_SESSION, so the bot has to identify anew."""
        self._refuse_resume = refuse_resume
        conn, self._conn = self._conn, None
        self.connected.clear()
        if conn is not None:
            await conn.ws.close(code=code, message=b"stand-in: closed mid-session")

    # gateway payloads (https://discord.com/developers/docs/events/gateway-events)

    def bot_user(self) -> dict[str, Any]:
        return {**self.user(BOT_ID), "username": "quotebot", "bot": True}

    def _ready(self) -> dict[str, Any]:
        assert self._session is not None
        return {"v": 10, "user": {**self.bot_user(), "verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(GUILD_ID), "unavailable": True}], "session_id": self._session.id,
                "resume_gateway_url": self.gateway_url, "shard": [0, 1],
                "application": {"id": str(APP_ID), "flags": 0}, "private_channels": [], "relationships": [],
                "presences": [], "geo_ordered_rtc_regions": ["rotterdam"], "session_type": "normal"}

    def _guild(self) -> dict[str, Any]:
        everyone = {"id": str(GUILD_ID), "name": "@everyone", "color": 0, "hoist": False, "icon": None,
                    "unicode_emoji": None, "position": 0, "permissions": "1071698660929", "managed": False,
                    "mentionable": False, "flags": 0}
        return {"id": str(GUILD_ID), "name": "Stand-in", "icon": None, "splash": None, "discovery_splash": None,
                "owner_id": "99", "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
                "default_message_notifications": 0, "explicit_content_filter": 0, "roles": [everyone],
                "emojis": [], "stickers": [], "features": [], "mfa_level": 0, "application_id": None,
                "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
                "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
                "preferred_locale": "en-US", "public_updates_channel_id": None, "nsfw_level": 0,
                "premium_progress_bar_enabled": False, "safety_alerts_channel_id": None,
                "joined_at": "2022-01-01T00:00:00+00:00", "large": False, "unavailable": False,
                "member_count": 31, "voice_states": [], "members": [], "threads": [], "presences": [],
                "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
                "channels": [{"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "general",
                              "position": 0, "permission_overwrites": [], "nsfw": False, "topic": None,
                              "last_message_id": None, "rate_limit_per_user": 0, "parent_id": None,
                              "flags": 0}]}

    @staticmethod
    def user(uid: int) -> dict[str, Any]:
        return {"id": str(uid), "username": f"user{uid}", "discriminator": "0", "global_name": None,
                "avatar": None, "public_flags": 0, "flags": 0, "primary_guild": None}

    def _interaction(self, itype: int, data: dict[str, Any], user_id: int, permissions: int,
                     message: dict[str, Any] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": self.ids(), "application_id": str(APP_ID), "type": itype, "data": data,
            "guild_id": str(GUILD_ID), "guild": {"id": str(GUILD_ID), "locale": "en-US", "features": []},
            "channel_id": str(CHANNEL_ID),
            "channel": {"id": str(CHANNEL_ID), "type": 0, "guild_id": str(GUILD_ID), "name": "general",
                        "permissions": "1071698660929", "flags": 0},
            "member": {"user": self.user(user_id), "roles": [], "joined_at": "2022-01-01T00:00:00+00:00",
                       "deaf": False, "mute": False, "flags": 0, "pending": False,
                       "permissions": str(permissions), "nick": None, "avatar": None},
            # tokens are long and unguessable; these differ per interaction, as Discord's do
            "token": f"aW50ZXJhY3Rpb246{self.ids()}", "version": 1, "app_permissions": "1071698660929",
            "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
            "authorizing_integration_owners": {"0": str(GUILD_ID)}, "context": 0,
            "attachment_size_limit": 8388608,
        }
        if message is not None:
            payload["message"] = message
        return payload

    async def _send_interaction(self, payload: dict[str, Any], kind: str, name: str,
                                user_id: int) -> Exchange:
        ex = Exchange(payload["id"], payload["token"], kind, name, user_id, time.monotonic())
        self.exchanges[ex.id] = ex
        self._by_token[ex.token] = ex
        await self._dispatch("INTERACTION_CREATE", payload)
        return ex

    def _command_data(self, name: str, options: dict[str, Any] | None, focus: str | None) -> dict[str, Any]:
        opts = []
        for k, v in (options or {}).items():
            o: dict[str, Any] = {"type": 3, "name": k, "value": v}
            if k == focus:
                o["focused"] = True
            opts.append(o)
        data: dict[str, Any] = {"id": str(1000 + sum(map(ord, name))), "type": 1, "name": name}
        if opts:
            data["options"] = opts
        return data

    async def command(self, name: str, options: dict[str, Any] | None = None, user_id: int = 42,
                      permissions: int = 0) -> Exchange:
        payload = self._interaction(2, self._command_data(name, options, None), user_id, permissions)
        return await self._send_interaction(payload, "command", name, user_id)

    async def autocomplete(self, name: str, options: dict[str, Any], focus: str, user_id: int = 42) -> Exchange:
        payload = self._interaction(4, self._command_data(name, options, focus), user_id, 0)
        return await self._send_interaction(payload, "autocomplete", name, user_id)

    async def press(self, message_id: str, label: str, user_id: int = 42) -> Exchange:
        """Press the button with that label on a message the bot sent."""
        message = self.messages[message_id]
        button = next(c for row in message.get("components", []) for c in row.get("components", [])
                      if c.get("label") == label)
        payload = self._interaction(3, {"custom_id": button["custom_id"], "component_type": 2}, user_id, 0,
                                    message=message)
        self._pressed[payload["id"]] = message_id
        return await self._send_interaction(payload, "component", label, user_id)

    # the HTTP API

    async def _http(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()
        path = "/" + request.match_info["tail"]
        op, params = self.spec.find(request.method, path)
        if op is None:
            self._violations.append(f"{request.method} {path}: no such endpoint in the API")
            return self._json(None, 404, {"message": "404: Not Found", "code": 0})
        body: Any = None
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            # (discord.py sends multipart only with files: the JSON is its payload_json part)
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if getattr(part, "name", None) == "payload_json":
                    body = json.loads(await part.text())  # type: ignore[union-attr]
            ctype = "multipart/form-data"
        elif raw := await request.read():
            try:
                body = json.loads(raw)
            except ValueError:
                self._violations.append(f"{op.method} {op.template}: a body that is not JSON")
        query, headers = dict(request.query), dict(request.headers)
        self._unchecked.append(lambda: self.spec.check_request(op, params, query, headers, body, ctype))
        for fault in self.faults:
            if fault.times > 0 and fault.applies(op.method, op.template):
                fault.times -= 1
                fault.hits.append(f"{op.method} {op.template}")
                self.calls.append((op.method, op.template, fault.status))
                return self._fault(op, fault)
        handler = _HANDLERS.get((op.method, op.template))
        if handler is None:
            self._violations.append(f"{op.method} {op.template}: the stand-in does not serve it (the bot "
                                   "should not need it)")
            return self._json(op, 404, {"message": "404: Not Found", "code": 0})
        status, out = handler(self, params, dict(request.query), body, arrived)
        self.calls.append((op.method, op.template, status))
        return self._json(op, status, out)

    def _json(self, op: _Op | None, status: int, body: Any, headers: dict[str, str] | None = None) -> web.Response:
        raw = None if body is None else json.dumps(body)
        if op is not None:
            # (as sent: the stand-in's messages change later, when edited)
            self._unchecked.append(lambda: self.spec.check_response(op, status, None if raw is None
                                                                    else json.loads(raw)))
        h = {"Via": "1.1 google", **(headers or {})}
        if raw is None:
            return web.Response(status=status, headers=h)
        # exactly 'application/json', as Discord sends it: discord.py parses nothing else
        return web.Response(body=raw.encode(), status=status, headers={**h, "Content-Type": "application/json"})

    def _fault(self, op: _Op, fault: Fault) -> web.Response:
        if fault.status == 429:
            return self._json(op, 429, {"message": "You are being rate limited.", "retry_after": fault.retry_after,
                                        "global": False, "code": 0},
                              {"Retry-After": str(max(1, round(fault.retry_after))), "X-RateLimit-Scope": "user",
                               "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                               "X-RateLimit-Reset-After": str(fault.retry_after),
                               "X-RateLimit-Bucket": "standin"})
        return self._json(op, fault.status, {"message": f"{fault.status}: Internal Server Error", "code": 0})

    # endpoint handlers: (params, query, body, arrived) -> (status, body)

    def _get_gateway_bot(self, *_: Any) -> tuple[int, Any]:
        return 200, {"url": self.gateway_url, "shards": 1,
                     "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14400000,
                                             "max_concurrency": 1}}

    def _get_me(self, *_: Any) -> tuple[int, Any]:
        return 200, {**self.bot_user(), "mfa_enabled": False, "locale": "en-US", "verified": True,
                     "email": None, "banner": None, "accent_color": None}

    def _get_application(self, *_: Any) -> tuple[int, Any]:
        return 200, {"id": str(APP_ID), "name": "quotebot", "icon": None, "description": "", "type": None,
                     "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
                     "flags": 0, "flags_new": "0", "redirect_uris": [], "interactions_endpoint_url": None,
                     "role_connections_verification_url": None, "owner": self.user(99),
                     "approximate_guild_count": 1, "approximate_user_install_count": 0,
                     "approximate_user_authorization_count": 0, "explicit_content_filter": 0, "team": None,
                     "eligible_oauth2_scopes": [], "bot": self.bot_user(), "summary": "", "tags": []}

    def _message(self, data: dict[str, Any], ex: Exchange, mid: str | None = None) -> dict[str, Any]:
        """The message Discord makes of a message payload the bot sent."""
        msg = {"id": mid or self.ids(), "channel_id": str(CHANNEL_ID), "type": 20 if ex.kind == "command" else 0,
               "content": data.get("content") or "", "mentions": [], "mention_roles": [], "attachments": [],
               "embeds": _embeds(data.get("embeds")), "timestamp": _now(), "edited_timestamp": None,
               "flags": data.get("flags") or 0, "components": _components(data.get("components")),
               "author": {**self.bot_user(), "id": str(APP_ID)}, "pinned": False, "mention_everyone": False,
               "tts": False, "webhook_id": str(APP_ID), "application_id": str(APP_ID)}
        self.messages[msg["id"]] = msg
        return msg

    def _callback(self, params: dict[str, str], query: dict[str, str], body: Any,
                  arrived: float) -> tuple[int, Any]:
        ex = self.exchanges.get(params["interaction_id"])
        if ex is None or ex.token != params["interaction_token"]:
            return 404, {"message": "Unknown interaction", "code": 10062}
        if ex.first_at is None:
            ex.first_at = arrived
        if ex.acknowledged is not None:
            ex.refused.append((40060, "acknowledged twice"))
            self._violations.append(f"interaction {ex.name}: a second callback")
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        if self.window is not None and arrived - ex.sent_at > self.window:
            ex.refused.append((10062, f"late: {arrived - ex.sent_at:.2f} s"))
            return 404, {"message": "Unknown interaction", "code": 10062}
        ex.acknowledged = body
        ex.acked.set()
        ctype = body["type"]
        itype = {"command": 2, "autocomplete": 4, "component": 3}[ex.kind]
        interaction: dict[str, Any] = {"id": ex.id, "type": itype}
        out: dict[str, Any] = {"interaction": interaction}
        data = body.get("data") or {}
        if ctype in (4, 5):
            msg = self._message({**data, "flags": (data.get("flags") or 0) | (LOADING if ctype == 5 else 0)}, ex)
            ex.message_id = msg["id"]
            interaction.update(response_message_id=msg["id"], response_message_loading=ctype == 5,
                               response_message_ephemeral=bool(msg["flags"] & EPHEMERAL))
            if ctype == 4:
                out["resource"] = {"type": 4, "message": msg}
        elif ctype in (6, 7):
            target = self.messages[self._component_message(ex)]
            if ctype == 7:
                target.update(_edited(data))
                target["edited_timestamp"] = _now()
                out["resource"] = {"type": 7, "message": target}
            ex.message_id = target["id"]
        if ctype != 5:
            ex.done.set()
        return 200, out if query.get("with_response") in ("1", "true") else None

    def _component_message(self, ex: Exchange) -> str:
        return self._pressed[ex.id]

    def _webhook_exchange(self, params: dict[str, str]) -> Exchange | None:
        if params.get("webhook_id") != str(APP_ID):
            return None
        return self._by_token.get(params["webhook_token"])

    def _followup(self, params: dict[str, str], query: dict[str, str], body: Any,
                  arrived: float) -> tuple[int, Any]:
        ex = self._webhook_exchange(params)
        if ex is None or ex.acknowledged is None:
            return 404, {"message": "Unknown Webhook", "code": 10015}
        ex.followups.append(body)
        if ex.deferred and len(ex.followups) == 1 and ex.message_id:
            # the first follow-up after a deferral fills in the "thinking..." message
            # (it keeps the deferral's visibility, whatever flags the follow-up asks for)
            flags = self.messages[ex.message_id]["flags"] & ~LOADING
            msg = self._message(body, ex, ex.message_id)
            msg["flags"] = flags
        else:
            msg = self._message(body, ex)
        ex.done.set()
        return 200, msg

    def _original(self, params: dict[str, str], query: dict[str, str], body: Any,
                  arrived: float) -> tuple[int, Any]:
        ex = self._webhook_exchange(params)
        mid = ex and (ex.message_id if params.get("message_id", "@original") == "@original"
                      else params["message_id"])
        if ex is None or mid not in self.messages:
            return 404, {"message": "Unknown Message", "code": 10008}
        msg = self.messages[mid]
        if body is not None:  # PATCH
            ex.edits.append(body)
            msg.update(_edited(body))
            msg["flags"] &= ~LOADING
            msg["edited_timestamp"] = _now()
            ex.done.set()
        return 200, msg


def _embeds(sent: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Embeds as Discord gives them back: typed 'rich', every field saying whether it is inline."""
    out = []
    for e in sent or []:
        e = {"type": "rich", **e}
        if "fields" in e:
            e["fields"] = [{"inline": False, **f} for f in e["fields"]]
        out.append(e)
    return out


def _components(sent: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Components as Discord gives them back: numbered, emoji without a null id."""
    n = itertools.count(1)
    out = []
    for row in sent or []:
        items = []
        for c in row.get("components", []):
            c = {**c, "id": next(n)}
            if isinstance(c.get("emoji"), dict):
                c["emoji"] = {k: v for k, v in c["emoji"].items() if v is not None}
            items.append(c)
        out.append({**row, "id": next(n), "components": items})
    return out


def _edited(body: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "content" in body:
        out["content"] = body["content"] or ""
    if "embeds" in body:
        out["embeds"] = _embeds(body["embeds"])
    if "components" in body:
        out["components"] = _components(body["components"])
    return out


_HANDLERS: dict[tuple[str, str], Callable[..., tuple[int, Any]]] = {
    ("GET", "/gateway/bot"): StandIn._get_gateway_bot,
    ("GET", "/users/@me"): StandIn._get_me,
    ("GET", "/oauth2/applications/@me"): StandIn._get_application,
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"): StandIn._callback,
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"): StandIn._followup,
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"): StandIn._original,
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"): StandIn._original,
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"): StandIn._original,
}


# --- a crowd of users -----------------------------------------------------------------

_QUOTED = re.compile(r"“([^”]{12,})”")


def words_from(text: str, rng: Any, n: int = 3) -> str | None:
    """A few consecutive words of a quotation shown in an answer, as someone would type
    them into /who after reading it."""
    found = _QUOTED.findall(text.replace("\\", ""))
    if not found:
        return None
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", rng.choice(found))
    if len(words) < n:
        return None
    i = rng.randrange(len(words) - n + 1)
    return " ".join(words[i:i + n])


async def answered(ex: Exchange, timeout: float) -> bool:
    try:
        await asyncio.wait_for(ex.done.wait(), timeout)
    except TimeoutError:
        return False
    return True


# A press on a button can reach the bot before the HTTP answer to the reply that carries
# the button: discord.py learns the message's id from that answer, and drops a press on a
# message it does not know yet. People cannot press that fast (the message has to reach
# their screen first); a crowd of coroutines can, so each waits for the bot to know the
# message (`before_press`), by default by pausing as a reader would.
READING_S = 0.3


async def _read(message_id: str) -> None:
    await asyncio.sleep(READING_S)


async def user(standin: StandIn, user_id: int, interactions: int, rng: Any, timeout: float = 30.0,
               before_press: Callable[[str], Awaitable[None]] = _read) -> list[Exchange]:
    """One person using the bot as people do: focus the speaker option (autocomplete with
    nothing typed), type a few letters of a name it offered (autocomplete again), run
    /quote with a name it offered, turn a page when there is more than one, then /who with
    a few words of a quotation just read; over again until `interactions` are sent.
    Each waits for the answer to the one before (up to `timeout`), as a person would."""
    out: list[Exchange] = []
    names: list[str] = []
    last_quote: Exchange | None = None
    last_text = ""

    async def send(ex: Exchange) -> Exchange:
        out.append(ex)
        await answered(ex, timeout)
        return ex

    step = 0
    while len(out) < interactions:
        kind = ("complete", "complete", "quote", "page", "who")[step % 5]
        step += 1
        if kind == "complete":
            typed = "" if not names else rng.choice(names).split()[-1][:rng.randint(2, 5)]
            ex = await send(await standin.autocomplete("quote", {"speaker": typed}, "speaker", user_id))
            names = [c["name"] for c in (ex.answer or {}).get("choices", [])] or names
        elif kind == "quote":
            name = rng.choice(names) if names else "Stoltenberg"
            last_quote = await send(await standin.command("quote", {"speaker": name}, user_id))
            last_text = last_quote.embeds_text()
        elif kind == "page":
            msg = standin.messages.get(last_quote.message_id or "") if last_quote else None
            buttons = {c.get("label"): c for row in (msg or {}).get("components", [])
                       for c in row.get("components", [])}
            if "Next" in buttons and not buttons["Next"].get("disabled"):
                await before_press(msg["id"])  # type: ignore[index]
                turned = await send(await standin.press(msg["id"], "Next", user_id))  # type: ignore[index]
                last_text = turned.embeds_text() or last_text
            else:
                step += 1  # (nothing to turn: on to /who)
        if kind == "who" or (kind == "page" and step % 5 == 0):
            phrase = words_from(last_text, rng) or "open door"
            await send(await standin.command("who", {"phrase": phrase}, user_id))
    return out[:interactions]


async def crowd(standin: StandIn, users: int, each: int, seed: int = 1, timeout: float = 30.0,
                before_press: Callable[[str], Awaitable[None]] = _read) -> list[Exchange]:
    """`users` people at once, `each` interactions apiece."""
    import random

    rngs = [random.Random(seed * 1000 + u) for u in range(users)]
    done = await asyncio.gather(*(user(standin, 500 + u, each, rngs[u], timeout, before_press)
                                  for u in range(users)))
    return [ex for one in done for ex in one]


# --- the bot's side -------------------------------------------------------------------

async def login_to(bot: Any, api_base: str) -> None:
    """Log the bot in at the stand-in and aim its gateway at the URL that the stand-in's
    /gateway/bot gives (discord.py's Client otherwise connects to gateway.discord.gg: only
    its sharded client asks /gateway/bot). Changes discord.py's class-wide API base and
    default gateway; `restore` puts them back."""
    import discord.gateway
    import discord.http
    import yarl

    _saved.setdefault("base", discord.http.Route.BASE)
    _saved.setdefault("gateway", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    discord.http.Route.BASE = api_base
    await bot.login(TOKEN)
    _, url, _ = await bot.http.get_bot_gateway()
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)


def restore() -> None:
    import discord.gateway
    import discord.http

    if "base" in _saved:
        discord.http.Route.BASE = _saved.pop("base")
    if "gateway" in _saved:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = _saved.pop("gateway")


_saved: dict[str, Any] = {}
