"""What the sync sources keep: configured sources and runs, CardDAV, IMAP, calendars."""
