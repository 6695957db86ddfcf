"""The ways in and out: reading a request, strict JSON, the browser's API, the calendar file,
the command line and its file errors."""
