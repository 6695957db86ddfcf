"""A failed build step, with one line per problem (file:line: reason)."""


class BuildError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
