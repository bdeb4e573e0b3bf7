"""IMSA Voices: survivors' lived-experience input to the IMSA model consultation."""

__version__ = "0.1.0"
