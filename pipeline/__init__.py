"""netsummit: mine LWN.net's Linux networking-summit reports into tidy CSV tables."""

__version__ = "0.1.0"
