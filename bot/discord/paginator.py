"""A page turner: first / previous / next / last buttons, and a Context button for each
quote on the page, that only the person who asked can press, removed when they time out."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

import discord

from bot.discord import render
from bot.discord.sending import send_kwargs

log = logging.getLogger(__name__)
# opens a quote's context for whoever pressed its button: (interaction, quote id)
OpenContext = Callable[[discord.Interaction, str], Awaitable[None]]
_NAV_ROW = 4  # below the Context buttons, as render.interaction_responses draws them


class ContextButton(discord.ui.Button["PageView"]):
    """One quote's Context button, as render drew it (custom_id 'context:N:QUOTE_ID')."""

    def __init__(self, spec: dict, row: int) -> None:
        super().__init__(style=discord.ButtonStyle.secondary, label=spec.get("label"),
                         custom_id=spec["custom_id"], row=row)
        self.quote_id = spec["custom_id"].rsplit(":", 1)[-1]

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.view is not None and self.view.open_context is not None:
            await self.view.open_context(interaction, self.quote_id)


def wants_view(pages: Sequence[render.Message]) -> bool:
    return len(pages) > 1 or any(p.get("components") for p in pages)


class PageView(discord.ui.View):
    def __init__(self, pages: Sequence[render.Message], owner_id: int, timeout: float = 180.0,
                 open_context: OpenContext | None = None) -> None:
        super().__init__(timeout=timeout)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.page = 0
        self.message: discord.InteractionMessage | discord.WebhookMessage | None = None
        self.open_context = open_context
        if len(self.pages) <= 1:
            for b in (self.first, self.previous, self.next, self.last):
                self.remove_item(b)
        self._refresh()

    def _refresh(self) -> None:
        last = len(self.pages) - 1
        self.first.disabled = self.previous.disabled = self.page == 0
        self.next.disabled = self.last.disabled = self.page >= last
        for item in [i for i in self.children if isinstance(i, ContextButton)]:
            self.remove_item(item)
        if self.open_context is not None:
            for r, row in enumerate(self.pages[self.page].get("components", ())[:_NAV_ROW]):
                for spec in row.get("components", ()):
                    self.add_item(ContextButton(spec, r))

    async def on_error(self, interaction: discord.Interaction, error: Exception,
                       item: discord.ui.Item) -> None:
        # (a button's failure is a bug: the log gets the traceback, the user a short word)
        log.error("button %s failed", getattr(item, "custom_id", item), exc_info=error)
        kwargs = send_kwargs(render.error_page(
            "Something went wrong on my side; it has been logged. Please try again later.")[0])
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(**kwargs)
            else:
                await interaction.response.send_message(**kwargs)

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

    @discord.ui.button(row=_NAV_ROW, label="First", emoji="⏮", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(row=_NAV_ROW, label="Previous", emoji="◀", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(row=_NAV_ROW, label="Next", emoji="▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, self.page + 1)

    @discord.ui.button(row=_NAV_ROW, label="Last", emoji="⏭", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._show(interaction, len(self.pages) - 1)

    async def on_timeout(self) -> None:
        if self.message is not None:
            # the message may be gone or no longer ours to edit: then nothing to remove
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)
