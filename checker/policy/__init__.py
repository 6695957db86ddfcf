"""The policy: what the rules decide for one physician (credits, the round to apply in, the
special measure, eligibility, where the physician stands, the verdict's steps). No words here."""
