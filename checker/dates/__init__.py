"""Days, months and eras: the calendar arithmetic and the Japanese dates every surface prints."""
