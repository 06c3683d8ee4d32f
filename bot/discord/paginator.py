"""A page turner: first / previous / next / last buttons that only the person who asked
can press, removed when they time out."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import discord

from bot.discord import render
from bot.discord.sending import send_kwargs


class PageView(discord.ui.View):
    def __init__(self, pages: Sequence[render.Message], owner_id: int, timeout: float = 180.0) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.page = 0
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self._refresh()

    def _refresh(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.page == 0
        self.next.disabled = self.last.disabled = self.page >= last

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "These buttons belong to the person who asked; run the command yourself to browse.",
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        return False

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self._refresh()
        kwargs = send_kwargs(self.pages[self.page])
        kwargs.pop("ephemeral", None)
        await interaction.response.edit_message(**kwargs, view=self)

    @discord.ui.button(label="First", emoji="⏮", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(label="Previous", emoji="◀", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Next", emoji="▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)

    @discord.ui.button(label="Last", emoji="⏭", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, len(self.pages) - 1)

    async def on_timeout(self) -> None:
        if self.message is not None:
            # the message may be gone or no longer ours to edit: then nothing to remove
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)
