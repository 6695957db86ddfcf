"""The words of a result: the verdict, the checklist and what to know, from messages.yaml."""
