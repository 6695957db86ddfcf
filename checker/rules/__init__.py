"""The rules model: the rules files read into typed objects (one schema for YAML and JSON), the
messages, and the review schedule the rules give (its rounds and where a window stands on a day)."""
