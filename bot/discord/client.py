"""The Discord client: a commands.Bot that serves one Service, and the one place where
errors turn into friendly replies."""

from __future__ import annotations

import contextlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord import render
from bot.discord.cog import PUBLIC_DEFERRAL, NotAdmin, QuoteCog
from bot.discord.sending import send_kwargs
from bot.fetch import AddError
from bot.index import QueryError
from bot.service import ReloadError, Service

log = logging.getLogger(__name__)


class MissingToken(RuntimeError):
    pass


def read_token(env: dict[str, str] | None = None, dotenv: Path | str = ".env") -> str | None:
    """DISCORD_TOKEN from the environment, else from a .env file (which git ignores)."""
    env = dict(os.environ) if env is None else env
    token = env.get("DISCORD_TOKEN", "").strip()
    if token:
        return token
    path = Path(dotenv)
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.strip().removeprefix("export ").strip() == "DISCORD_TOKEN":
                return value.strip().strip("'\"") or None
    return None


def friendly(error: app_commands.AppCommandError) -> str | None:
    """The message a user sees for an error we expect; None for a bug."""
    original = getattr(error, "original", None) or error
    if isinstance(original, QueryError | ReloadError | AddError):
        return str(original)
    if isinstance(error, NotAdmin):
        return str(error)
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works in a server, not in direct messages."
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        return "You are not allowed to use that command here."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.TransformerError):
        return f"I could not read “{str(error.value)[:50]}” for that option."
    return None


# Discord drops an interaction that is not acknowledged within 3 seconds: an answer not
# ready by then is deferred first, with room left for the deferral's own round trip.
DEFER_AFTER = 2.0


class QuoteBot(commands.Bot):
    def __init__(self, service: Service, defer_after: float = DEFER_AFTER) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # slash commands need no message content
        super().__init__(command_prefix=commands.when_mentioned, intents=intents,
                         allowed_mentions=discord.AllowedMentions.none(), help_command=None)
        self.service = service
        self.defer_after = defer_after
        # where queries are answered (see QuoteCog._ask)
        self.queries = ThreadPoolExecutor(1, thread_name_prefix="quotebot-query")
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def close(self) -> None:
        await super().close()
        self.queries.shutdown(wait=False, cancel_futures=True)

    async def setup_hook(self) -> None:
        await self.add_cog(QuoteCog(self))

    async def on_ready(self) -> None:
        log.info("connected as %s; serving %d quotes from %d articles", self.user,
                 len(self.service.index), self.service.index.article_count)

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        text = friendly(error)
        if text is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            text = "Something went wrong on my side; it has been logged. Please try again later."
        kwargs = send_kwargs(render.error_page(text)[0])
        try:
            if interaction.response.is_done():
                if interaction.extras.get(PUBLIC_DEFERRAL):
                    # A slow answer was deferred ("thinking..."), then failed: a follow-up
                    # would take the deferral's place and be seen by the whole channel. The
                    # placeholder goes; the error comes to the asker alone.
                    with contextlib.suppress(discord.HTTPException):
                        await interaction.delete_original_response()
                await interaction.followup.send(**kwargs)
            else:
                await interaction.response.send_message(**kwargs)
        except discord.HTTPException:
            log.warning("could not tell the user about an error", exc_info=True)


def command_payloads(service: Service) -> list[dict]:
    """Exactly what `sync` sends: one ApplicationCommandCreateRequest per command."""
    bot = QuoteBot(service)
    import asyncio

    asyncio.run(bot.add_cog(QuoteCog(bot)))
    return [cmd.to_dict(bot.tree) for cmd in bot.tree.get_commands()]
