"""quotebot: finds the quotations in news articles and who said them."""

__version__ = "0.1.0"
