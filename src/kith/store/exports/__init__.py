"""Reading the whole database out for the exports: the dump, spreadsheet rows, vCard texts."""
