"""The application commands. Each turns its options into a call of bot.discord.answers
and the pages it returns into a reply; nothing here knows how quotes are found.
/reload, /correct and /hide are for admins, checked when they run."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import fetch
from bot.discord import answers, render
from bot.discord.paginator import OpenContext, PageView, wants_view
from bot.discord.picker import PickView
from bot.discord.sending import send_kwargs
from bot.fetch import AddError, kind_of
from bot.index import AmbiguousSpeaker, QueryError, RoleCandidates
from bot.service import ReloadError

if TYPE_CHECKING:
    from bot.discord.client import QuoteBot

log = logging.getLogger(__name__)


class NotAdmin(app_commands.CheckFailure):
    """A member without the right to an admin command, whatever the server's command settings."""


def is_admin(interaction: discord.Interaction) -> bool:
    """Manage Server, or a user or role listed in config/bot.yaml. Checked at run time:
    default_permissions only hides the command, and server owners can change that."""
    bot: QuoteBot = interaction.client  # type: ignore[assignment]
    settings = bot.service.settings.bot
    user = interaction.user
    if interaction.guild_id is None:
        # (guild_only() only hides the command from DMs; a listed admin there is still refused)
        raise app_commands.NoPrivateMessage()
    if user.id in settings.admin_users:
        return True
    # the invoker's permissions as Discord resolved them for this interaction
    if interaction.permissions.manage_guild:
        return True
    roles = {r.id for r in getattr(user, "roles", ())}
    if roles & set(settings.admin_roles):
        return True
    name = interaction.command.name if interaction.command else "reload"
    raise NotAdmin(f"Only server managers and the admins named in the bot's settings can use /{name}.")


PUBLIC_DEFERRAL = "quotebot.public_deferral"


async def defer_in_public(interaction: discord.Interaction) -> None:
    """"quotebot is thinking..." for the channel to see; marked, so that an error that
    follows is not put in the placeholder's place for all to see (QuoteBot's on_error)."""
    await interaction.response.defer(thinking=True)
    interaction.extras[PUBLIC_DEFERRAL] = True


def _choices(found: list[dict[str, str]]) -> list[app_commands.Choice[str]]:
    """The core's completions (name, value) as discord.py's choices."""
    return [app_commands.Choice(name=c["name"], value=c["value"]) for c in found]


async def reply(interaction: discord.Interaction, pages: Sequence[render.Message], timeout: float,
                open_context: OpenContext | None = None) -> None:
    """Send the first page; with more than one, or quotes to open in context, attach a
    view of buttons for the asker."""
    kwargs = send_kwargs(pages[0])
    view = PageView(pages, interaction.user.id, timeout, open_context) if wants_view(pages) else None
    if view is not None:
        kwargs["view"] = view
    sent: object
    if interaction.response.is_done():
        sent = await interaction.followup.send(**kwargs, wait=True)
    else:
        sent = getattr(await interaction.response.send_message(**kwargs), "resource", None)
    if view is not None:
        # The message the buttons are on, for taking them away when they time out: Discord
        # returns it with the reply (discord.py 2.5+), so it is not fetched again. (Fetching
        # it was one more request per answer, and when that failed after the reply had
        # been sent, the user got an error message under a good answer.)
        if not isinstance(sent, discord.InteractionMessage | discord.WebhookMessage):
            sent = await interaction.original_response()
        view.message = sent  # type: ignore[assignment]


class QuoteCog(commands.Cog):
    def __init__(self, bot: QuoteBot) -> None:
        self.bot = bot

    @property
    def service(self):
        return self.bot.service

    async def _answer(self, interaction: discord.Interaction, pages: Sequence[render.Message]) -> None:
        await reply(interaction, pages, self.service.settings.bot.page_timeout, self.open_context)

    async def open_context(self, interaction: discord.Interaction, quote_id: str) -> None:
        """A Context button: the quote in its article, privately. (A button's errors do
        not pass through the tree's on_error: the expected ones are answered here.)"""
        try:
            pages = answers.context(self.service, quote_id)
        except (QueryError, ReloadError) as e:
            pages = render.error_page(str(e))
        await reply(interaction, pages, self.service.settings.bot.page_timeout)

    async def _ask(self, interaction: discord.Interaction, question: Callable[[], Sequence[render.Message]]) -> None:
        """Answer off the event loop, so that heartbeats, autocomplete and the other users'
        commands go on meanwhile; an answer not ready within `defer_after` seconds is
        deferred first ("thinking..."): Discord drops an interaction not acknowledged
        within 3 seconds. (One query thread: the index is read by one query at a time, as
        on the event loop before; a reload runs in a thread of its own.)"""
        pending = asyncio.get_running_loop().run_in_executor(self.bot.queries, question)
        done, _ = await asyncio.wait({pending}, timeout=self.bot.defer_after)
        if not done:
            await defer_in_public(interaction)
        await self._answer(interaction, await pending)

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
            await self._ask(interaction, lambda: answer(speaker))
        except AmbiguousSpeaker as e:
            # several fit (a surname, a role, an organisation): a menu of them, for the asker
            known = {sp.name: sp for sp in self.service.index.speakers()}
            roles = e.roles if isinstance(e, RoleCandidates) else \
                [known[c].role if c in known else None for c in e.candidates]
            view = PickView(e.candidates, roles, interaction.user.id, answer, self.service.settings.bot.page_timeout)
            kwargs = send_kwargs(render.pick_page(str(e))[0])
            if interaction.response.is_done():  # (deferred while the question was worked out)
                view.message = await interaction.followup.send(**kwargs, view=view, wait=True)
            else:
                await interaction.response.send_message(**kwargs, view=view)
                view.message = await interaction.original_response()

    @quote.autocomplete("speaker")
    async def quote_speaker(self, interaction: discord.Interaction,
                            current: str) -> list[app_commands.Choice[str]]:
        return _choices(answers.complete(self.service, current))

    @app_commands.command(name="who", description="Who said something like this phrase")
    @app_commands.describe(phrase="A few words of the statement; typos and word order don't matter",
                           speaker="Only this speaker's statements", outlet="Only statements in this outlet",
                           since="From this date, YYYY-MM-DD", until="Up to this date, YYYY-MM-DD")
    async def who(self, interaction: discord.Interaction, phrase: app_commands.Range[str, 1, 300],
                  speaker: app_commands.Range[str, 1, 200] | None = None,
                  outlet: app_commands.Range[str, 1, 200] | None = None,
                  since: app_commands.Range[str, 1, 10] | None = None,
                  until: app_commands.Range[str, 1, 10] | None = None) -> None:
        await self._ask(interaction, lambda: answers.who(self.service, phrase, speaker, outlet, since, until))

    @who.autocomplete("outlet")
    async def who_outlet(self, interaction: discord.Interaction,
                         current: str) -> list[app_commands.Choice[str]]:
        return _choices(answers.complete_outlet(self.service, current))

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
        await defer_in_public(interaction)
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

    @who.autocomplete("speaker")
    @timeline.autocomplete("speaker")
    @export.autocomplete("speaker")
    async def any_speaker(self, interaction: discord.Interaction,
                          current: str) -> list[app_commands.Choice[str]]:
        return await self.quote_speaker(interaction, current)  # type: ignore[misc]

    @app_commands.command(name="context", description="A quote in its article: the paragraphs around it, "
                                                      "who said it and how sure the bot is")
    @app_commands.describe(quote="The quote's id: the ten letters and digits shown under it")
    async def context(self, interaction: discord.Interaction, quote: app_commands.Range[str, 1, 40]) -> None:
        await self._answer(interaction, answers.context(self.service, quote))

    @app_commands.command(name="speakers", description="Everyone quoted, most quoted first")
    async def speakers(self, interaction: discord.Interaction) -> None:
        await self._ask(interaction, lambda: answers.speakers(self.service))

    @app_commands.command(name="sources", description="Every article in the corpus, newest first")
    async def sources(self, interaction: discord.Interaction) -> None:
        await self._ask(interaction, lambda: answers.sources(self.service))

    @app_commands.command(name="about", description="What the bot knows and how to ask it")
    async def about(self, interaction: discord.Interaction) -> None:
        await self._ask(interaction, lambda: answers.about(self.service))

    @app_commands.command(name="correct", description="Admins: set who said a quote (kept across reloads)")
    @app_commands.describe(quote="The quote's id: the ten letters and digits shown under it",
                           speaker="Who said it: a speaker's name (typos are fine) or a new one")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.check(is_admin)
    async def correct(self, interaction: discord.Interaction, quote: app_commands.Range[str, 1, 40],
                      speaker: app_commands.Range[str, 1, 100]) -> None:
        # (it writes a file and rebuilds the speaker tables: in a thread, after saying so)
        await interaction.response.defer(ephemeral=True, thinking=True)
        pages = await asyncio.to_thread(answers.correct, self.service, quote, speaker,
                                        f"Discord user {interaction.user.id}")
        log.info("/correct by %s: %s -> %s", interaction.user.id, quote, speaker)
        await self._answer(interaction, pages)

    @correct.autocomplete("speaker")
    async def correct_speaker(self, interaction: discord.Interaction,
                              current: str) -> list[app_commands.Choice[str]]:
        return _choices(answers.complete(self.service, current))

    @app_commands.command(name="hide", description="Admins: leave a quote out of /quote, /who and the counts")
    @app_commands.describe(quote="The quote's id: the ten letters and digits shown under it")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.check(is_admin)
    async def hide(self, interaction: discord.Interaction, quote: app_commands.Range[str, 1, 40]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        pages = await asyncio.to_thread(answers.hide, self.service, quote, f"Discord user {interaction.user.id}")
        log.info("/hide by %s: %s", interaction.user.id, quote)
        await self._answer(interaction, pages)

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

    @app_commands.command(name="add", description="Admins: add a news article from a link or a file")
    @app_commands.describe(url="The article's web address (http or https)",
                           file="The article as a file: .html, .txt or .md")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.check(is_admin)
    async def add(self, interaction: discord.Interaction,
                  url: app_commands.Range[str, 1, 2000] | None = None,
                  file: discord.Attachment | None = None) -> None:
        if (url is None) == (file is None):
            raise AddError("bad_url", "Give the article's url or attach its file (.html, .txt or .md), one of them.")
        limits = fetch.Limits.of(self.service.settings.bot, local=False)
        kind = None
        if file is not None:
            kind = kind_of(None, file.filename)
            if kind is None:
                raise AddError("not_article", f"{file.filename}: not an article file (attach .html, .txt or .md)")
            if file.size > limits.max_bytes:
                raise AddError("too_large", f"{file.filename}: too large ({file.size:,} bytes; "
                               f"at most {limits.max_bytes:,})")
        # fetching and reading can take longer than Discord's 3 seconds: say so first
        await interaction.response.defer(ephemeral=True, thinking=True)
        if file is not None:
            page = await fetch.fetch(file.url, limits, expect=kind, name=file.filename)
            # (an attachment's address is Discord's, and expires: not the article's url)
            page = replace(page, url=None)
        else:
            # (not fetched again when the corpus has it; this reads the corpus's files that
            # changed since the last add: in a thread)
            checked = await asyncio.to_thread(self.service.check_new_url, url or "")
            page = await fetch.fetch(checked, limits)
        # extraction and the reload are CPU work: in a thread, so that other commands
        # are answered meanwhile
        pages = await asyncio.to_thread(answers.add_page, self.service, page)
        log.info("article added by %s: %s", interaction.user.id, pages[0]["embeds"][0]["title"][:120])
        await self._answer(interaction, pages)
