"""Driving the bot's commands with no Discord connection: real discord.Interaction
objects built from the payloads Discord sends, and an HTTP layer that records every
request the bot makes instead of sending it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.webhook.async_ import AsyncWebhookAdapter

SPEC = Path(__file__).resolve().parents[2] / "shared" / "discord-api" / "openapi.json"
MANAGE_GUILD = 1 << 5
_ids = itertools.count(1000)


def validator(schema_name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    doc = json.loads(SPEC.read_text(encoding="utf-8"))
    registry = Registry().with_resource("urn:discord", Resource(contents=doc, specification=DRAFT202012))
    return Draft202012Validator({"$ref": f"urn:discord#/components/schemas/{schema_name}"}, registry=registry)


def _user(uid: int) -> dict[str, Any]:
    return {"id": str(uid), "username": f"user{uid}", "discriminator": "0", "global_name": None, "avatar": None}


def _message(content: str = "") -> dict[str, Any]:
    return {"id": str(next(_ids)), "channel_id": "20", "type": 0, "content": content, "author": _user(1),
            "attachments": [], "embeds": [], "mentions": [], "mention_roles": [], "pinned": False,
            "mention_everyone": False, "tts": False, "timestamp": "2022-01-12T00:00:00+00:00",
            "edited_timestamp": None, "flags": 0, "components": []}


class Recorder:
    """Stands in for discord.py's webhook HTTP adapter: keeps (method, path, payload)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict[str, Any] | None]] = []

    async def request(self, route, session=None, *, payload=None, multipart=None, files=None, **_: Any):
        if multipart:
            payload = json.loads(multipart[0]["value"])
        self.calls.append((route.method, route.path, payload))
        if route.path.endswith("/callback"):
            out: dict[str, Any] = {"interaction": {"id": str(next(_ids)), "type": 2,
                                                   "response_message_id": str(next(_ids))}}
            if payload and payload.get("type") in (4, 7):  # (with_response: the message comes back)
                msg = _message()
                out["interaction"]["response_message_id"] = msg["id"]
                out["resource"] = {"type": payload["type"], "message": msg}
            return out
        return _message()

    @property
    def callbacks(self) -> list[dict[str, Any]]:
        """Interaction responses (POST .../callback), as sent."""
        return [p for m, path, p in self.calls if m == "POST" and path.endswith("/callback") and p]

    @property
    def followups(self) -> list[dict[str, Any]]:
        return [p for m, path, p in self.calls if m == "POST" and path.startswith("/webhooks/") and p]


def patch_http(monkeypatch) -> Recorder:
    rec = Recorder()
    monkeypatch.setattr(AsyncWebhookAdapter, "request", rec.request)
    return rec


def command_interaction(client: discord.Client, name: str, options: dict[str, Any] | None = None,
                        user_id: int = 42, permissions: int = 0, guild: bool = True,
                        autocomplete_focus: str | None = None) -> discord.Interaction:
    opts = []
    for k, v in (options or {}).items():
        o: dict[str, Any] = {"type": 3, "name": k, "value": v}
        if k == autocomplete_focus:
            o["focused"] = True
        opts.append(o)
    data: dict[str, Any] = {
        "id": str(next(_ids)), "application_id": "7", "token": "tok", "version": 1,
        "type": 4 if autocomplete_focus else 2, "channel_id": "20", "locale": "en-US",
        "app_permissions": "0", "entitlements": [], "authorizing_integration_owners": {},
        "attachment_size_limit": 8388608,
        "data": {"id": str(next(_ids)), "type": 1, "name": name, "options": opts},
    }
    if guild:
        data["guild_id"] = "30"
        data["guild_locale"] = "en-US"
        data["member"] = {"user": _user(user_id), "roles": [], "joined_at": "2020-01-01T00:00:00+00:00",
                          "deaf": False, "mute": False, "permissions": str(permissions), "flags": 0}
    else:
        data["user"] = _user(user_id)
    return discord.Interaction(data=data, state=client._connection)  # type: ignore[arg-type]


def component_interaction(client: discord.Client, custom_id: str, message_id: int,
                          user_id: int = 42) -> discord.Interaction:
    data: dict[str, Any] = {
        "id": str(next(_ids)), "application_id": "7", "token": "tok", "version": 1, "type": 3,
        "channel_id": "20", "guild_id": "30", "locale": "en-US", "app_permissions": "0",
        "entitlements": [], "authorizing_integration_owners": {}, "attachment_size_limit": 8388608,
        "member": {"user": _user(user_id), "roles": [], "joined_at": "2020-01-01T00:00:00+00:00",
                   "deaf": False, "mute": False, "permissions": "0", "flags": 0},
        "message": {**_message(), "id": str(message_id)},
        "data": {"custom_id": custom_id, "component_type": 2},
    }
    return discord.Interaction(data=data, state=client._connection)  # type: ignore[arg-type]


async def run_command(bot, name: str, **kwargs: Any) -> None:
    """Run a slash command through the bot's own tree: checks, transformers, on_error."""
    interaction = command_interaction(bot, name, **kwargs)
    await bot.tree._call(interaction)


__all__ = ["MANAGE_GUILD", "SPEC", "Recorder", "app_commands", "command_interaction",
           "component_interaction", "patch_http", "run_command", "validator"]


def pretend_logged_in(client: discord.Client) -> None:
    """What login() would have set: the bot's own user and application id."""
    client._connection.user = discord.ClientUser(state=client._connection, data={**_user(1), "bot": True})
    client._connection.application_id = 7
