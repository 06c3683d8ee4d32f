"""Render's message payloads as discord.py keyword arguments."""

from __future__ import annotations

from typing import Any

import discord

from bot.discord import render


def send_kwargs(page: render.Message) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "embeds": [discord.Embed.from_dict(e) for e in page.get("embeds", ())],
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if page.get("content"):
        kwargs["content"] = page["content"]
    if page.get("flags", 0) & render.EPHEMERAL:
        kwargs["ephemeral"] = True
    return kwargs
