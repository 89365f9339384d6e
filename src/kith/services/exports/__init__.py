"""What leaves Kith as a file: the JSON document, vCard, CSV, the calendar feed, backups, and where
such a file is written."""
