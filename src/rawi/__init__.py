"""rawi: who said what, according to whom, when, and how many — for Arabic news."""

__version__ = "0.1.0"
