"""Pick a speaker: where a name or a role fits several speakers, the asker chooses one
from a menu (only they can), and the message becomes that speaker's answer."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

import discord

from bot.discord import render
from bot.discord.paginator import PageView
from bot.discord.sending import send_kwargs
from bot.index import QueryError

# Discord's limit of options in one select menu
MENU_MAX = 25


class PickView(discord.ui.View):
    def __init__(self, names: Sequence[str], roles: Sequence[str | None], owner_id: int,
                 answer: Callable[[str], list[render.Message]], timeout: float = 180.0) -> None:
        super().__init__(timeout=timeout)
        self.names = list(names)[:MENU_MAX]
        self.owner_id = owner_id
        self.answer = answer
        self.timeout_s = timeout
        self.message: discord.InteractionMessage | None = None
        # (the value is the candidate's place: a name may be longer than a value may be)
        self.menu: discord.ui.Select = discord.ui.Select(
            custom_id="pick:speaker", placeholder="Pick a speaker", min_values=1, max_values=1,
            options=[discord.SelectOption(label=render.shorten(n, 100), value=str(i),
                                          description=render.shorten(r, 100) if r else None)
                     for i, (n, r) in enumerate(zip(self.names, roles, strict=False))])
        self.menu.callback = self._picked  # type: ignore[method-assign]
        self.add_item(self.menu)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "This menu belongs to the person who asked; run the command yourself to choose.",
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        return False

    async def _picked(self, interaction: discord.Interaction) -> None:
        name = self.names[int(self.menu.values[0])]
        try:
            pages = self.answer(name)
        except QueryError as e:  # (the corpus was reloaded meanwhile, and the speaker went)
            await interaction.response.send_message(**send_kwargs(render.error_page(str(e))[0]))
            return
        view = PageView(pages, self.owner_id, self.timeout_s) if len(pages) > 1 else None
        kwargs = send_kwargs(pages[0])
        kwargs.pop("ephemeral", None)
        await interaction.response.edit_message(**kwargs, view=view)
        if view is not None:
            view.message = await interaction.original_response()
        self.stop()

    async def on_timeout(self) -> None:
        if self.message is not None:
            # (the message may be gone, or no longer ours to edit)
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None)
