"""The application commands. Each turns its options into a call of bot.discord.answers
and the pages it returns into a reply; nothing here knows how quotes are found."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import answers, render
from bot.discord.paginator import PageView
from bot.discord.picker import PickView
from bot.discord.sending import send_kwargs
from bot.index import AmbiguousSpeaker, RoleCandidates

if TYPE_CHECKING:
    from bot.discord.client import QuoteBot

log = logging.getLogger(__name__)


class NotAdmin(app_commands.CheckFailure):
    """A member without the right to reload, whatever the server's command settings."""


def is_admin(interaction: discord.Interaction) -> bool:
    """Manage Server, or a user or role listed in config/bot.yaml. Checked at run time:
    default_permissions only hides the command, and server owners can change that."""
    bot: QuoteBot = interaction.client  # type: ignore[assignment]
    settings = bot.service.settings.bot
    user = interaction.user
    if user.id in settings.admin_users:
        return True
    # the invoker's permissions as Discord resolved them for this interaction
    if interaction.guild_id is not None and interaction.permissions.manage_guild:
        return True
    roles = {r.id for r in getattr(user, "roles", ())}
    if roles & set(settings.admin_roles):
        return True
    raise NotAdmin("Only server managers and the admins named in the bot's settings can reload.")


async def reply(interaction: discord.Interaction, pages: Sequence[render.Message], timeout: float) -> None:
    """Send the first page; with more than one, attach a page turner for the asker."""
    kwargs = send_kwargs(pages[0])
    view = PageView(pages, interaction.user.id, timeout) if len(pages) > 1 else None
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
    if view is not None:
        view.message = await interaction.original_response()


class QuoteCog(commands.Cog):
    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    @property
    def service(self):
        return self.bot.service

    async def _answer(self, interaction: discord.Interaction, pages: Sequence[render.Message]) -> None:
        await reply(interaction, pages, self.service.settings.bot.page_timeout)

    @app_commands.command(name="quote", description="What a speaker said, newest first")
    @app_commands.describe(speaker="Full name, surname, alias (typos are fine), or a role or organisation",
                           kind="Only direct quotes, partial quotes or reported speech",
                           since="From this date, YYYY-MM-DD", until="Up to this date, YYYY-MM-DD",
                           about="Only what they said on this (a few words), best match first")
    async def quote(self, interaction: discord.Interaction,
                    speaker: app_commands.Range[str, 1, 200],
                    kind: Literal["direct", "partial", "reported"] | None = None,
                    since: app_commands.Range[str, 1, 10] | None = None,
                    until: app_commands.Range[str, 1, 10] | None = None,
                    about: app_commands.Range[str, 1, 300] | None = None) -> None:
        def answer(name: str) -> list[render.Message]:
            return answers.quote(self.service, name, kind, since, until, about)

        try:
            pages = answer(speaker)
        except AmbiguousSpeaker as e:
            # several fit (a surname, a role, an organisation): a menu of them, for the asker
            known = {sp.name: sp for sp in self.service.index.speakers()}
            roles = e.roles if isinstance(e, RoleCandidates) else \
                [known[c].role if c in known else None for c in e.candidates]
            view = PickView(e.candidates, roles, interaction.user.id, answer, self.service.settings.bot.page_timeout)
            await interaction.response.send_message(**send_kwargs(render.pick_page(str(e))[0]), view=view)
            view.message = await interaction.original_response()
            return
        await self._answer(interaction, pages)

    @quote.autocomplete("speaker")
    async def quote_speaker(self, interaction: discord.Interaction,
                            current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=c["name"], value=c["value"])
                for c in answers.complete(self.service, current)]

    @app_commands.command(name="who", description="Who said something like this phrase")
    @app_commands.describe(phrase="A few words of the statement; typos and word order don't matter",
                           speaker="Only this speaker's statements", outlet="Only statements in this outlet",
                           since="From this date, YYYY-MM-DD", until="Up to this date, YYYY-MM-DD")
    async def who(self, interaction: discord.Interaction, phrase: app_commands.Range[str, 1, 300],
                  speaker: app_commands.Range[str, 1, 200] | None = None,
                  outlet: app_commands.Range[str, 1, 200] | None = None,
                  since: app_commands.Range[str, 1, 10] | None = None,
                  until: app_commands.Range[str, 1, 10] | None = None) -> None:
        await self._answer(interaction, answers.who(self.service, phrase, speaker, outlet, since, until))

    @who.autocomplete("speaker")
    async def who_speaker(self, interaction: discord.Interaction,
                          current: str) -> list[app_commands.Choice[str]]:
        return await self.quote_speaker(interaction, current)  # type: ignore[misc]

    @who.autocomplete("outlet")
    async def who_outlet(self, interaction: discord.Interaction,
                         current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=c["name"], value=c["value"])
                for c in answers.complete_outlet(self.service, current)]

    @app_commands.command(name="timeline", description="A chart of a speaker's statements per week or month")
    @app_commands.describe(speaker="Full name, surname, alias (typos are fine), or a role or organisation",
                           period="Bars by week or by month (default: weeks for up to half a year)",
                           since="From this date, YYYY-MM-DD", until="Up to this date, YYYY-MM-DD")
    async def timeline(self, interaction: discord.Interaction,
                       speaker: app_commands.Range[str, 1, 200],
                       period: Literal["week", "month"] | None = None,
                       since: app_commands.Range[str, 1, 10] | None = None,
                       until: app_commands.Range[str, 1, 10] | None = None) -> None:
        # counted first, so that a wrong option is still a private reply; drawing (and,
        # the first time, loading matplotlib) can take longer than Discord's 3 seconds:
        # say so, then draw in a thread
        tl = answers.timeline_counts(self.service, speaker, period, since, until)
        await interaction.response.defer(thinking=True)
        pages = await asyncio.to_thread(answers.timeline_pages, tl)
        await self._answer(interaction, pages)

    @app_commands.command(name="export", description="A speaker's statements as a CSV or JSON file")
    @app_commands.describe(speaker="Full name, surname, alias (typos are fine), or a role or organisation",
                           format="CSV (spreadsheets) or JSON",
                           kind="Only direct quotes, partial quotes or reported speech",
                           since="From this date, YYYY-MM-DD", until="Up to this date, YYYY-MM-DD")
    async def export(self, interaction: discord.Interaction,
                     speaker: app_commands.Range[str, 1, 200],
                     format: Literal["csv", "json"] = "csv",
                     kind: Literal["direct", "partial", "reported"] | None = None,
                     since: app_commands.Range[str, 1, 10] | None = None,
                     until: app_commands.Range[str, 1, 10] | None = None) -> None:
        # the file is for the asker (and an export too large for Discord is their error
        # to hear, not the channel's): a private reply, made in a thread as it may be big
        await interaction.response.defer(ephemeral=True, thinking=True)
        pages = await asyncio.to_thread(answers.export, self.service, speaker, format, kind, since, until,
                                        interaction.filesize_limit)
        await self._answer(interaction, pages)

    @timeline.autocomplete("speaker")
    @export.autocomplete("speaker")
    async def any_speaker(self, interaction: discord.Interaction,
                          current: str) -> list[app_commands.Choice[str]]:
        return await self.quote_speaker(interaction, current)  # type: ignore[misc]

    @app_commands.command(name="speakers", description="Everyone quoted, most quoted first")
    async def speakers(self, interaction: discord.Interaction) -> None:
        await self._answer(interaction, answers.speakers(self.service))

    @app_commands.command(name="sources", description="Every article in the corpus, newest first")
    async def sources(self, interaction: discord.Interaction) -> None:
        await self._answer(interaction, answers.sources(self.service))

    @app_commands.command(name="about", description="What the bot knows and how to ask it")
    async def about(self, interaction: discord.Interaction) -> None:
        await self._answer(interaction, answers.about(self.service))

    @app_commands.command(name="reload", description="Admins: re-read the corpus and settings")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.check(is_admin)
    async def reload(self, interaction: discord.Interaction) -> None:
        # a reload can take longer than Discord's 3 seconds: say so first, then work in a
        # thread so that other commands are answered meanwhile
        await interaction.response.defer(ephemeral=True, thinking=True)
        pages = await asyncio.to_thread(answers.reload, self.service)
        log.info("reload by %s: %s", interaction.user.id, self.service.last_report.summary().splitlines()[0]
                 if self.service.last_report else "")
        await self._answer(interaction, pages)
