# quotebot in a container: the bot on Discord, the corpus and config as volumes, the
# token from the environment (never baked in). See README, "Running in Docker".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
RUN pip install . \
    && useradd --create-home --uid 10001 quotebot \
    && mkdir -p /data \
    && chown quotebot /data

# the bundled corpus and config as defaults; mount your own over them
COPY seeds /corpus
COPY config /config

USER quotebot
# the extraction cache and the phrase index go here (config's relative cache path)
WORKDIR /data
VOLUME ["/data"]

# healthy while the service can read its corpus and config and answer from them
HEALTHCHECK --interval=2m --timeout=60s --start-period=2m --retries=3 \
    CMD quotebot --config /config speakers --corpus /corpus --json > /dev/null || exit 1

# DISCORD_TOKEN comes from the environment: `docker run -e DISCORD_TOKEN ...`
CMD ["quotebot", "--config", "/config", "run", "--corpus", "/corpus"]
