"""`kith sync` and its kinds: CardDAV, IMAP and calendars."""
