"""Render's message payloads as discord.py keyword arguments."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.discord import render


class SpecFile(discord.File):
    """discord.File whose `attachments` entry carries its id as the API's spec types it,
    a snowflake string ("0"); discord.py writes the number 0, which the spec refuses."""

    def to_dict(self, index: int) -> dict[str, Any]:
        d = super().to_dict(index)
        d["id"] = str(d["id"])
        return d


def send_kwargs(page: render.Message) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e) for e in page.get("embeds", ())],
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if page.get("content"):
        kwargs["content"] = page["content"]
    if page.get("flags", 0) & render.EPHEMERAL:
        kwargs["ephemeral"] = True
    files = render.files_of(page)
    if files:
        kwargs["files"] = [SpecFile(io.BytesIO(f.data), filename=f.filename, description=f.description or None)
                           for f in files]
    return kwargs
